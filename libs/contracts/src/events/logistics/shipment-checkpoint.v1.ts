import { ArrayMinSize, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

/** The load passed a checkpoint (toll gate, rest area, station); the ETA is recomputed. */
export class ShipmentCheckpointV1 {
  @IsUUID('all')
  shipmentId: string;

  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  orderIds: string[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  checkpoint: string;

  @IsISO8601({ strict: true })
  passedAt: string;

  @IsISO8601({ strict: true })
  eta: string;
}

export const ShipmentCheckpoint = defineEvent({
  type: 'logistics.shipment.checkpoint',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: ShipmentCheckpointV1,
  key: (payload: ShipmentCheckpointV1) => payload.shipmentId,
  description: 'A shipment passed a checkpoint; carries the recomputed ETA.',
});
