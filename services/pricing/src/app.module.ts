import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import type { PricingConfig } from './config/pricing.config';

@Module({})
export class PricingModule {
  static forRoot(config: PricingConfig): DynamicModule {
    return {
      module: PricingModule,
      imports: [ServiceCoreModule.forRoot({ service: 'pricing', config })],
    };
  }
}
