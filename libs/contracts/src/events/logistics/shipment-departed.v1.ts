import { ArrayMinSize, IsISO8601, IsUUID } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/** The load left BTC Blitar. */
export class ShipmentDepartedV1 {
  @IsUUID('all')
  shipmentId: string;

  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  orderIds: string[];

  @IsISO8601({ strict: true })
  departedAt: string;

  @IsISO8601({ strict: true })
  eta: string;
}

export const ShipmentDeparted = defineEvent({
  type: 'logistics.shipment.departed',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: ShipmentDepartedV1,
  key: (payload: ShipmentDepartedV1) => payload.shipmentId,
  description: 'A shipment left the BTC hub.',
});
