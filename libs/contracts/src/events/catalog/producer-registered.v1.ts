import {
  ArrayUnique,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { TOPICS } from '../../topics/topic-registry';
import { defineEvent } from '../event-definition';

export const PRODUCER_CATEGORIES = [
  'pertanian',
  'peternakan',
  'perikanan',
  'olahan',
  'kerajinan',
] as const;

/** A BTC operator registered a Blitar producer (UMKM); it waits for verification. */
export class ProducerRegisteredV1 {
  @IsUUID('all')
  producerId: string;

  @Matches(/^\d{13}$/, { message: 'nib must be 13 digits' })
  nib: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  businessName: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kecamatan: string;

  @IsIn(PRODUCER_CATEGORIES, { each: true })
  @ArrayUnique()
  categories: string[];

  @IsISO8601({ strict: true })
  registeredAt: string;
}

export const ProducerRegistered = defineEvent({
  type: 'catalog.producer.registered',
  version: 1,
  topic: TOPICS.catalogProducers,
  payload: ProducerRegisteredV1,
  key: (payload: ProducerRegisteredV1) => payload.producerId,
  description: 'A producer was registered through the BTC hub and awaits verification.',
});
