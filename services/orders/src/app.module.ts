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
import { BumdFeedQueries } from './application/subscriptions/bumd-feed.queries';
import { BumdFeedRecorder } from './application/subscriptions/bumd-feed.recorder';
import { WebhookDeliveriesService } from './application/subscriptions/webhook-deliveries.service';
import { WebhookDispatcher } from './application/subscriptions/webhook-dispatcher';
import {
  WEBHOOK_SETTINGS,
  type WebhookSettings,
} from './application/subscriptions/webhook-settings';
import { WebhookSubscriptionsService } from './application/subscriptions/webhook-subscriptions.service';
import type { OrdersConfig } from './config/orders.config';
import { BumdEventsController } from './interface/http/bumd-events.controller';
import { BuyersController } from './interface/http/buyers.controller';
import { OfferBookController } from './interface/http/offer-book.controller';
import { OrdersController } from './interface/http/orders.controller';
import { PurchaseRequestsController } from './interface/http/purchase-requests.controller';
import { SseStreams } from './interface/http/sse-streams';
import { WebhooksController } from './interface/http/webhooks.controller';
import {
  BUMD_FEED_GROUP,
  BUMD_FEED_REPLAY_ALL,
  BumdFeedConsumer,
} from './interface/messaging/bumd-feed.consumer';
import { MatchingInputsConsumer } from './interface/messaging/matching-inputs.consumer';
import { OfferEventsConsumer } from './interface/messaging/offer-events.consumer';
import { ShipmentEventsConsumer } from './interface/messaging/shipment-events.consumer';
import { ORDERS_GAUGES } from './infrastructure/metrics/orders-gauges';
import { ORDERS_MIGRATIONS } from './infrastructure/persistence/migrations';
import { ORDERS_PERMISSIONS } from './interface/http/permissions';

@Module({})
export class OrdersModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    return {
      module: OrdersModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'orders',
          config,
          permissions: ORDERS_PERMISSIONS,
          gauges: ORDERS_GAUGES,
          entities: [],
          migrations: ORDERS_MIGRATIONS,
        }),
      ],
      controllers: [
        OfferBookController,
        BuyersController,
        PurchaseRequestsController,
        OrdersController,
        WebhooksController,
        BumdEventsController,
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
        { provide: WEBHOOK_SETTINGS, useValue: webhookSettings(config) },
        {
          provide: BUMD_FEED_GROUP,
          useValue: `${config.KAFKA_GROUP_ID ?? 'simpul.orders'}.bumd-feed`,
        },
        { provide: BUMD_FEED_REPLAY_ALL, useValue: config.SANDBOX_MODE },
        BumdFeedRecorder,
        BumdFeedConsumer,
        BumdFeedQueries,
        WebhookSubscriptionsService,
        WebhookDeliveriesService,
        WebhookDispatcher,
        SseStreams,
      ],
    };
  }
}

function webhookSettings(config: OrdersConfig): WebhookSettings {
  return {
    allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    requireHttps: config.WEBHOOK_REQUIRE_HTTPS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    retry: {
      baseMs: config.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS,
      periodMs: config.WEBHOOK_RETRY_PERIOD_MS,
    },
    pollMs: config.WEBHOOK_POLL_MS,
    concurrency: config.WEBHOOK_CONCURRENCY,
    sseHeartbeatMs: config.SSE_HEARTBEAT_MS,
    ssePollMs: config.SSE_POLL_MS,
  };
}
