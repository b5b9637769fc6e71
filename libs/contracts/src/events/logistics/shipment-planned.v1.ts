import {
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/** Logistics planned a load from BTC Blitar carrying (part of) one or more orders. */
export class ShipmentPlannedV1 {
  @IsUUID('all')
  shipmentId: string;

  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  orderIds: string[];

  @IsIn(['road', 'rail'])
  mode: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  vehicle: string;

  @IsISO8601({ strict: true })
  plannedDeparture: string;

  @IsISO8601({ strict: true })
  eta: string;
}

export const ShipmentPlanned = defineEvent({
  type: 'logistics.shipment.planned',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: ShipmentPlannedV1,
  key: (payload: ShipmentPlannedV1) => payload.shipmentId,
  description: 'A shipment was planned for confirmed orders; they are now in fulfilment.',
});
