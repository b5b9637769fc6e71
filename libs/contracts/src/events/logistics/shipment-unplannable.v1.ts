import { IsIn, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

export const UNPLANNABLE_REASONS = [
  'NO_ROUTE',
  'NO_VEHICLE_FOR_TEMPERATURE',
  'TOO_LARGE_FOR_ANY_VEHICLE',
  'ARRIVES_AFTER_DELIVER_BY',
  'SHELF_LIFE_TOO_SHORT',
  'NO_CAPACITY',
  'UNKNOWN_CARGO',
] as const;

/** An order line could not be put on any load; the reason says why, so someone can act. */
export class ShipmentUnplannableV1 {
  @IsUUID('all')
  orderId: string;

  @IsUUID('all')
  allocationId: string;

  @IsIn(UNPLANNABLE_REASONS)
  reason: (typeof UNPLANNABLE_REASONS)[number];

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  message: string;

  @IsISO8601({ strict: true })
  decidedAt: string;
}

export const ShipmentUnplannable = defineEvent({
  type: 'logistics.shipment.unplannable',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: ShipmentUnplannableV1,
  key: (payload: ShipmentUnplannableV1) => payload.orderId,
  description: 'An order line could not be planned onto any load, with the reason.',
});
