import { BaseServiceConfig } from '@simpul/platform';

export class PricingConfig extends BaseServiceConfig {
  override PORT = 3004;
}
