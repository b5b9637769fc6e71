import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import { BuyerDirectory } from './application/buyers/buyer-directory';
import { ManageBuyersHandler } from './application/buyers/manage-buyers.handler';
import { OfferIntakeHandler } from './application/intake/offer-intake.handler';
import { ApplyMatchingInputsHandler } from './application/matching/apply-matching-inputs.handler';
import { MATCHING_CLOCK_TICK_MS, MatchingClock } from './application/matching/matching-clock';
import { ListOfferBookQuery } from './application/offer-book/list-offer-book.query';
import { CancelOrderHandler } from './application/orders/cancel-order.handler';
import { CloseOrderHandler } from './application/orders/close-order.handler';
import { OrderQueries } from './application/orders/order.queries';
import { RecordFulfilmentHandler } from './application/orders/record-fulfilment.handler';
import { CancelPurchaseRequestHandler } from './application/requests/cancel-purchase-request.handler';
import { PurchaseRequestQueries } from './application/requests/purchase-request.queries';
import {
  MATCHING_LOADING_HOURS,
  SubmitPurchaseRequestHandler,
} from './application/requests/submit-purchase-request.handler';
import type { OrdersConfig } from './config/orders.config';
import { CreateOfferBook1764300200000 } from './infrastructure/persistence/migrations/1764300200000-create-offer-book';
import { CreateBuyers1764400000000 } from './infrastructure/persistence/migrations/1764400000000-create-buyers';
import { CreateCommodityTerms1764400100000 } from './infrastructure/persistence/migrations/1764400100000-create-commodity-terms';
import { CreateRequestsAndOrders1764400200000 } from './infrastructure/persistence/migrations/1764400200000-create-requests-and-orders';
import { CreateMatchingBook1764400300000 } from './infrastructure/persistence/migrations/1764400300000-create-matching-book';
import { BuyersController } from './interface/http/buyers.controller';
import { OfferBookController } from './interface/http/offer-book.controller';
import { OrdersController } from './interface/http/orders.controller';
import { PurchaseRequestsController } from './interface/http/purchase-requests.controller';
import { MatchingInputsConsumer } from './interface/messaging/matching-inputs.consumer';
import { OfferEventsConsumer } from './interface/messaging/offer-events.consumer';
import { ShipmentEventsConsumer } from './interface/messaging/shipment-events.consumer';

@Module({})
export class OrdersModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    return {
      module: OrdersModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'orders',
          config,
          entities: [],
          migrations: [
            CreateOfferBook1764300200000,
            CreateBuyers1764400000000,
            CreateCommodityTerms1764400100000,
            CreateRequestsAndOrders1764400200000,
            CreateMatchingBook1764400300000,
          ],
        }),
      ],
      controllers: [
        OfferBookController,
        BuyersController,
        PurchaseRequestsController,
        OrdersController,
        OfferEventsConsumer,
        MatchingInputsConsumer,
        ShipmentEventsConsumer,
      ],
      providers: [
        { provide: MATCHING_CLOCK_TICK_MS, useValue: config.MATCHING_CLOCK_TICK_MS },
        { provide: MATCHING_LOADING_HOURS, useValue: config.MATCHING_LOADING_HOURS },
        BuyerDirectory,
        ManageBuyersHandler,
        OfferIntakeHandler,
        ApplyMatchingInputsHandler,
        MatchingClock,
        ListOfferBookQuery,
        SubmitPurchaseRequestHandler,
        CancelPurchaseRequestHandler,
        PurchaseRequestQueries,
        OrderQueries,
        CancelOrderHandler,
        CloseOrderHandler,
        RecordFulfilmentHandler,
      ],
    };
  }
}
