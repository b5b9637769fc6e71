import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import { ListOfferBookQuery } from './application/offer-book/list-offer-book.query';
import { RecordPublishedOffersHandler } from './application/offer-book/record-published-offers.handler';
import type { OrdersConfig } from './config/orders.config';
import { CreateOfferBook1764300200000 } from './infrastructure/persistence/migrations/1764300200000-create-offer-book';
import { RestingOfferOrmEntity } from './infrastructure/persistence/resting-offer.orm-entity';
import { OfferBookController } from './interface/http/offer-book.controller';
import { OfferEventsConsumer } from './interface/messaging/offer-events.consumer';

@Module({})
export class OrdersModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    return {
      module: OrdersModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'orders',
          config,
          entities: [RestingOfferOrmEntity],
          migrations: [CreateOfferBook1764300200000],
        }),
      ],
      controllers: [OfferBookController, OfferEventsConsumer],
      providers: [RecordPublishedOffersHandler, ListOfferBookQuery],
    };
  }
}
