import { BaseServiceConfig } from '@simpul/platform';

export class CatalogConfig extends BaseServiceConfig {
  override PORT = 3001;
}
