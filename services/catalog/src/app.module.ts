import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import { CommodityCatalog } from './application/commodity/commodity.queries';
import { ApplyAllocationsHandler } from './application/offer/apply-allocations.handler';
import { WithdrawOfferHandler } from './application/offer/withdraw-offer.handler';
import { ListOffersQuery } from './application/offer/list-offers.query';
import { ChangeOfferHandler } from './application/offer/change-offer.handler';
import { PublishDraftHandler } from './application/offer/publish-draft.handler';
import {
  EXPIRY_SWEEP_INTERVAL_MS,
  ExpireOffersSweep,
} from './application/offer/expire-offers.sweep';
import { AllocationEventsConsumer } from './interface/messaging/allocation-events.consumer';
import { ShipmentEventsConsumer } from './interface/messaging/shipment-events.consumer';
import { OfferDeliveries } from './application/offer/offer-deliveries';
import { OfferAllocationOrmEntity } from './infrastructure/persistence/offer-allocation.orm-entity';
import { ProducerRegistry } from './application/producer/producer-registry';
import { GetOfferQuery } from './application/offer/get-offer.query';
import { PublishOfferHandler } from './application/offer/publish-offer.handler';
import type { CatalogConfig } from './config/catalog.config';
import { SupplyOfferOrmEntity } from './infrastructure/persistence/supply-offer.orm-entity';
import { OffersController } from './interface/http/offers.controller';
import { CommoditiesController } from './interface/http/commodities.controller';
import { ProducersController } from './interface/http/producers.controller';
import { ProducerOrmEntity } from './infrastructure/persistence/producer.orm-entity';
import { CommodityOrmEntity } from './infrastructure/persistence/commodity.orm-entity';
import { CATALOG_GAUGES } from './infrastructure/metrics/catalog-gauges';
import { CATALOG_MIGRATIONS } from './infrastructure/persistence/migrations';
import { CATALOG_PERMISSIONS } from './interface/http/permissions';

@Module({})
export class CatalogModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'catalog',
          config,
          permissions: CATALOG_PERMISSIONS,
          gauges: CATALOG_GAUGES,
          entities: [
            SupplyOfferOrmEntity,
            CommodityOrmEntity,
            ProducerOrmEntity,
            OfferAllocationOrmEntity,
          ],
          migrations: CATALOG_MIGRATIONS,
        }),
      ],
      controllers: [
        OffersController,
        CommoditiesController,
        ProducersController,
        AllocationEventsConsumer,
        ShipmentEventsConsumer,
      ],
      providers: [
        PublishOfferHandler,
        GetOfferQuery,
        CommodityCatalog,
        ProducerRegistry,
        ApplyAllocationsHandler,
        WithdrawOfferHandler,
        ListOffersQuery,
        ChangeOfferHandler,
        PublishDraftHandler,
        OfferDeliveries,
        ExpireOffersSweep,
        { provide: EXPIRY_SWEEP_INTERVAL_MS, useValue: config.OFFER_EXPIRY_SWEEP_MS },
      ],
    };
  }
}
