import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** A producer's status changed: verified (may publish offers) or suspended (may not). */
export class ProducerStatusChangedV1 {
  @IsUUID('all')
  producerId: string;

  @IsIn(['active', 'suspended'])
  status: 'active' | 'suspended';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  changedBy: string;
}
