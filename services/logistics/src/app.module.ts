import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import type { LogisticsConfig } from './config/logistics.config';

@Module({})
export class LogisticsModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: LogisticsModule,
      imports: [ServiceCoreModule.forRoot({ service: 'logistics', config })],
    };
  }
}
