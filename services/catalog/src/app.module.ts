import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import { GetOfferQuery } from './application/offer/get-offer.query';
import { PublishOfferHandler } from './application/offer/publish-offer.handler';
import type { CatalogConfig } from './config/catalog.config';
import { CreateSupplyOffers1764300100000 } from './infrastructure/persistence/migrations/1764300100000-create-supply-offers';
import { SupplyOfferOrmEntity } from './infrastructure/persistence/supply-offer.orm-entity';
import { OffersController } from './interface/http/offers.controller';

@Module({})
export class CatalogModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: CatalogModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'catalog',
          config,
          entities: [SupplyOfferOrmEntity],
          migrations: [CreateSupplyOffers1764300100000],
        }),
      ],
      controllers: [OffersController],
      providers: [PublishOfferHandler, GetOfferQuery],
    };
  }
}
