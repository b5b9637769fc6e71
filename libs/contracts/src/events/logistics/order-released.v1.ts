import { ArrayUnique, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/**
 * Logistics let go of an order whose buyer asked to cancel it: none of its lines had started
 * loading, and every one is now off the waiting list and off any planned load. Orders then
 * cancels the order and gives its quantity back to the offers.
 */
export class OrderReleasedV1 {
  @IsUUID('all')
  orderId: string;

  /** Planned loads the order's lines were taken off (a load left empty fails). */
  @IsUUID('all', { each: true })
  @ArrayUnique()
  shipmentIds: string[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export const OrderReleased = defineEvent({
  type: 'logistics.order.released',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: OrderReleasedV1,
  key: (payload: OrderReleasedV1) => payload.orderId,
  description:
    'Answer to a cancellation: no line of the order had started loading; it is off every load and may be cancelled.',
});
