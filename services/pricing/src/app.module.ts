import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import { CeilingCommands } from './application/ceilings/ceiling-commands';
import { CEILING_CHECK_MS, CeilingPublisher } from './application/ceilings/ceiling-publisher';
import { ImportMarketPricesHandler } from './application/observations/import-market-prices.handler';
import { ProjectObservationsHandler } from './application/observations/project-observations.handler';
import { PriceQueries } from './application/queries/price.queries';
import { ReferencePricesHandler } from './application/references/reference-prices.handler';
import type { PricingConfig } from './config/pricing.config';
import { PricesController } from './interface/http/prices.controller';
import { PriceEventsConsumer } from './interface/messaging/price-events.consumer';
import { PRICING_GAUGES } from './infrastructure/metrics/pricing-gauges';
import { PRICING_MIGRATIONS } from './infrastructure/persistence/migrations';
import { PRICING_PERMISSIONS } from './interface/http/permissions';

@Module({})
export class PricingModule {
  static forRoot(config: PricingConfig): DynamicModule {
    return {
      module: PricingModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'pricing',
          config,
          permissions: PRICING_PERMISSIONS,
          gauges: PRICING_GAUGES,
          entities: [],
          migrations: PRICING_MIGRATIONS,
        }),
      ],
      controllers: [PricesController, PriceEventsConsumer],
      providers: [
        { provide: CEILING_CHECK_MS, useValue: config.CEILING_CHECK_MS },
        ProjectObservationsHandler,
        ImportMarketPricesHandler,
        PriceQueries,
        ReferencePricesHandler,
        CeilingCommands,
        CeilingPublisher,
      ],
    };
  }
}
