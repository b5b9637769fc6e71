import {
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

/** The one envelope every simpul event travels in (see docs/adr/0002 and the AsyncAPI document). */
export interface EventEnvelope<T = unknown> {
  /** UUID v7: unique per event, time-ordered. */
  id: string;
  /** Literal event type, e.g. `catalog.offer.published`. */
  type: string;
  /** Integer schema version of `data` for this type. */
  version: number;
  /** The service that emitted the event. */
  source: string;
  /** ISO-8601 UTC instant at which the fact happened. */
  time: string;
  /** Id of the aggregate the event is about. */
  subject: string;
  correlationId: string;
  causationId?: string;
  /** The buyer (BUMD) or producer whose business this is, so subscribers can be served theirs only. */
  tenantId?: string;
  data: T;
}

export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/;

/** class-validator schema of the envelope fields; `data` is validated per event type. */
export class EventEnvelopeSchema implements EventEnvelope<Record<string, unknown>> {
  @IsUUID('all')
  id: string;

  @Matches(EVENT_TYPE_PATTERN, { message: 'type must look like <service>.<aggregate>.<fact>' })
  type: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  source: string;

  @IsISO8601({ strict: true })
  time: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  subject: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  correlationId: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  causationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  tenantId?: string;

  @IsObject()
  data: Record<string, unknown>;
}
