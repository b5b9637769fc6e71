import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/auth.decorators';
import { PageLimit } from '../http/page-limit';
import { EVENT_LOG_ROLES } from '../auth/permissions';

export const EVENT_LOG_SERVICE = Symbol('EVENT_LOG_SERVICE');

export class EventLogQueryDto {
  @ApiProperty({
    description:
      'An id (offer, request, order, allocation, shipment, alert…): events keyed by it or naming it anywhere',
    format: 'uuid',
  })
  @IsUUID('all')
  about: string;

  @PageLimit({ maximum: 500, default: 100 })
  limit?: number;
}

export interface EventLogEntry {
  eventId: string;
  type: string;
  version: number;
  topic: string;
  key: string;
  /** When the service wrote it (its outbox row) and when the relay published it to Kafka. */
  recordedAt: string;
  publishedAt: string;
  /** The envelope exactly as published. */
  event: Record<string, unknown>;
}

export interface EventLogPage {
  service: string;
  about: string;
  events: EventLogEntry[];
  /** True when more events name the id than `limit`: the oldest `limit` are shown. */
  truncated: boolean;
}

interface OutboxRow {
  event_id: string;
  event_type: string;
  event_version: number;
  topic: string;
  message_key: string;
  value: string;
  created_at: Date;
  published_at: Date;
}

/**
 * `GET /event-log?about=<id>`: the events this service published that are keyed by the id or name
 * it anywhere in their envelope (subject, payload, correlation), oldest first — read from the
 * service's outbox, which keeps every published event (ADR 0003). The console merges the four
 * services' answers into an item's history. The search scans the outbox: fine for the history of
 * a running deployment, and bounded by `limit`; see docs/operations.md on outbox housekeeping.
 */
@ApiTags('event log')
@Controller('event-log')
export class EventLogController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_LOG_SERVICE) private readonly service: string,
  ) {}

  @Get()
  @Roles(...EVENT_LOG_ROLES)
  @ApiOperation({
    summary: 'Events this service published about an id (keyed by it or naming it), oldest first',
  })
  async about(@Query() query: EventLogQueryDto): Promise<EventLogPage> {
    const limit = query.limit ?? 100;
    // A validated UUID (hex digits and dashes): safe inside a LIKE pattern. Ids are written in
    // lower case everywhere.
    const about = query.about.toLowerCase();
    const rows = (await this.dataSource.query(
      `SELECT event_id, event_type, event_version, topic, message_key, value, created_at, published_at
       FROM outbox
       WHERE published_at IS NOT NULL AND (message_key = $1 OR value LIKE $2)
       ORDER BY seq LIMIT $3`,
      [about, `%${about}%`, limit + 1],
    )) as OutboxRow[];
    return {
      service: this.service,
      about,
      truncated: rows.length > limit,
      events: rows.slice(0, limit).map((row) => ({
        eventId: row.event_id,
        type: row.event_type,
        version: row.event_version,
        topic: row.topic,
        key: row.message_key,
        recordedAt: row.created_at.toISOString(),
        publishedAt: row.published_at.toISOString(),
        event: JSON.parse(row.value) as Record<string, unknown>,
      })),
    };
  }
}
