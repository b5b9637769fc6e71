import { ArrayMinSize, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/** The shipment is overdue against its ETA or will miss a deliver-by date. Raised once per delay. */
export class ShipmentDelayedV1 {
  @IsUUID('all')
  shipmentId: string;

  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  orderIds: string[];

  @IsISO8601({ strict: true })
  eta: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @IsISO8601({ strict: true })
  detectedAt: string;
}

export const ShipmentDelayed = defineEvent({
  type: 'logistics.shipment.delayed',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: ShipmentDelayedV1,
  key: (payload: ShipmentDelayedV1) => payload.shipmentId,
  description: 'A shipment is overdue; raised once per shipment delay, not once per check.',
});
