import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import { CommodityCatalog } from './application/commodity/commodity.queries';
import { ApplyAllocationsHandler } from './application/offer/apply-allocations.handler';
import { WithdrawOfferHandler } from './application/offer/withdraw-offer.handler';
import { ListOffersQuery } from './application/offer/list-offers.query';
import { ChangeOfferHandler } from './application/offer/change-offer.handler';
import { PublishDraftHandler } from './application/offer/publish-draft.handler';
import { AllowDraftOffers1764300900000 } from './infrastructure/persistence/migrations/1764300900000-allow-draft-offers';
import {
  EXPIRY_SWEEP_INTERVAL_MS,
  ExpireOffersSweep,
} from './application/offer/expire-offers.sweep';
import { AllowExpiredOffers1764300700000 } from './infrastructure/persistence/migrations/1764300700000-allow-expired-offers';
import { AddOfferProductionTerms1764300800000 } from './infrastructure/persistence/migrations/1764300800000-add-offer-production-terms';
import { AllowWithdrawnOffers1764300600000 } from './infrastructure/persistence/migrations/1764300600000-allow-withdrawn-offers';
import { AllocationEventsConsumer } from './interface/messaging/allocation-events.consumer';
import { ShipmentEventsConsumer } from './interface/messaging/shipment-events.consumer';
import { OfferDeliveries } from './application/offer/offer-deliveries';
import { AddAllocationDeliveries1764301000000 } from './infrastructure/persistence/migrations/1764301000000-add-allocation-deliveries';
import { OfferAllocationOrmEntity } from './infrastructure/persistence/offer-allocation.orm-entity';
import { CreateOfferAllocations1764300500000 } from './infrastructure/persistence/migrations/1764300500000-create-offer-allocations';
import { ProducerRegistry } from './application/producer/producer-registry';
import { GetOfferQuery } from './application/offer/get-offer.query';
import { PublishOfferHandler } from './application/offer/publish-offer.handler';
import type { CatalogConfig } from './config/catalog.config';
import { CreateSupplyOffers1764300100000 } from './infrastructure/persistence/migrations/1764300100000-create-supply-offers';
import { SupplyOfferOrmEntity } from './infrastructure/persistence/supply-offer.orm-entity';
import { OffersController } from './interface/http/offers.controller';
import { CommoditiesController } from './interface/http/commodities.controller';
import { ProducersController } from './interface/http/producers.controller';
import { ProducerOrmEntity } from './infrastructure/persistence/producer.orm-entity';
import { CreateProducers1764300400000 } from './infrastructure/persistence/migrations/1764300400000-create-producers';
import { CommodityOrmEntity } from './infrastructure/persistence/commodity.orm-entity';
import { CreateCommodities1764300300000 } from './infrastructure/persistence/migrations/1764300300000-create-commodities';

@Module({})
export class CatalogModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'catalog',
          config,
          entities: [
            SupplyOfferOrmEntity,
            CommodityOrmEntity,
            ProducerOrmEntity,
            OfferAllocationOrmEntity,
          ],
          migrations: [
            CreateSupplyOffers1764300100000,
            CreateCommodities1764300300000,
            CreateProducers1764300400000,
            CreateOfferAllocations1764300500000,
            AllowWithdrawnOffers1764300600000,
            AllowExpiredOffers1764300700000,
            AddOfferProductionTerms1764300800000,
            AllowDraftOffers1764300900000,
            AddAllocationDeliveries1764301000000,
          ],
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
