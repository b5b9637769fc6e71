import { BaseServiceConfig } from '@simpul/platform';

export class LogisticsConfig extends BaseServiceConfig {
  override PORT = 3003;
}
