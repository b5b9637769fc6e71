import 'reflect-metadata';
import { runService } from '@simpul/platform';
import { LogisticsModule } from './app.module';
import { LogisticsConfig } from './config/logistics.config';

void runService({
  name: 'logistics',
  description:
    'Vehicles, routes and shipments: dispatch of truck and rail loads from BTC Blitar to Jakarta.',
  configClass: LogisticsConfig,
  module: (config) => LogisticsModule.forRoot(config),
});
