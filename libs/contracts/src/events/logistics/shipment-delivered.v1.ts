import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

export class DeliveredLineV1 {
  @IsUUID('all')
  orderId: string;

  @IsUUID('all')
  allocationId: string;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  receivedAmount: number;

  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0)
  rejectedAmount: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  rejectionReason?: string;
}

/** The load was received at its Jakarta destination and signed for, line by line. */
export class ShipmentDeliveredV1 {
  @IsUUID('all')
  shipmentId: string;

  @IsISO8601({ strict: true })
  deliveredAt: string;

  @ValidateNested({ each: true })
  @Type(() => DeliveredLineV1)
  @ArrayMinSize(1)
  lines: DeliveredLineV1[];
}

export const ShipmentDelivered = defineEvent({
  type: 'logistics.shipment.delivered',
  version: 1,
  topic: TOPICS.logisticsShipments,
  payload: ShipmentDeliveredV1,
  key: (payload: ShipmentDeliveredV1) => payload.shipmentId,
  description: 'A shipment was delivered; each line says what was received and what was rejected.',
});
