import { BaseServiceConfig } from '@simpul/platform';

export class OrdersConfig extends BaseServiceConfig {
  override PORT = 3002;
}
