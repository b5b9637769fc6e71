import {
  ArrayMinSize,
  ArrayUnique,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/** The load did not arrive (breakdown, spoilage…); its orders wait for a new plan. */
export class ShipmentFailedV1 {
  @IsUUID('all')
  shipmentId: string;

  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  orderIds: string[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @IsISO8601({ strict: true })
  failedAt: string;
}

export const ShipmentFailed = defineEvent({
  type: 'logistics.shipment.failed',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: ShipmentFailedV1,
  key: (payload: ShipmentFailedV1) => payload.shipmentId,
  description: 'A shipment failed; its orders go back to confirmed, to be planned again.',
});
