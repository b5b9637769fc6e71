import 'reflect-metadata';
import { runService } from '@simpul/platform';
import { OrdersModule } from './app.module';
import { OrdersConfig } from './config/orders.config';

void runService({
  name: 'orders',
  description: 'BUMD buyers, purchase requests, orders and the matching engine.',
  configClass: OrdersConfig,
  module: (config) => OrdersModule.forRoot(config),
});
