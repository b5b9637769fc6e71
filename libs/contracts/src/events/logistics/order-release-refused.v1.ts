import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/** Shipment states past the point where a line can still be taken off its load. */
export const COMMITTED_SHIPMENT_STATUSES = ['loading', 'departed', 'arrived', 'delivered'] as const;

/**
 * Logistics refused a cancellation: a line of the order is already on a load that has started
 * loading (or left). The goods travel; the order stays in fulfilment with that shipment.
 */
export class OrderReleaseRefusedV1 {
  @IsUUID('all')
  orderId: string;

  @IsUUID('all')
  shipmentId: string;

  @IsIn(COMMITTED_SHIPMENT_STATUSES)
  shipmentStatus: (typeof COMMITTED_SHIPMENT_STATUSES)[number];

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export const OrderReleaseRefused = defineEvent({
  type: 'logistics.order.release-refused',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: OrderReleaseRefusedV1,
  key: (payload: OrderReleaseRefusedV1) => payload.orderId,
  description:
    'Answer to a cancellation: the order is on a load that has started loading; it is not cancelled and stays in fulfilment.',
});
