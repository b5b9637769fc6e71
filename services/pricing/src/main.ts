import 'reflect-metadata';
import { runService } from '@simpul/platform';
import { PricingModule } from './app.module';
import { PricingConfig } from './config/pricing.config';

void runService({
  name: 'pricing',
  description:
    'Reference prices (HET/HAP), market observations, price-stability statistics, alerts and ceilings.',
  configClass: PricingConfig,
  module: (config) => PricingModule.forRoot(config),
});
