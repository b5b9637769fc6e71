import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/**
 * A BUMD's webhook subscription stopped delivering: a delivery kept failing for the whole retry
 * period. Reaches the BUMD through its other channels (event stream, own topic) so that it
 * learns of it; nothing queued is lost, deliveries resume when the subscription is resumed.
 */
export class SubscriptionPausedV1 {
  @IsUUID('all')
  subscriptionId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  buyerId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  /** The delivery that ran out of retries, when one did. */
  @IsOptional()
  @IsUUID('all')
  deliveryId?: string;

  @IsISO8601({ strict: true })
  pausedAt: string;
}

export const SubscriptionPaused = defineEvent({
  type: 'orders.subscription.paused',
  version: 1,
  topic: TOPICS.ordersOrders,
  payload: SubscriptionPausedV1,
  key: (payload: SubscriptionPausedV1) => payload.subscriptionId,
  description:
    "A BUMD's webhook subscription was paused after a delivery failed for its whole retry period.",
});
