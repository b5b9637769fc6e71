import type { IHeaders } from 'kafkajs';

/** Header names; id, type and version travel as headers so that tools can route without parsing. */
export const HEADER = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  contentType: 'content-type',
  dlqError: 'dlq-error',
  dlqErrorCode: 'dlq-error-code',
  dlqAttempts: 'dlq-attempts',
  dlqTopic: 'dlq-original-topic',
  dlqPartition: 'dlq-original-partition',
  dlqOffset: 'dlq-original-offset',
  dlqConsumer: 'dlq-consumer',
  dlqTime: 'dlq-time',
  /** Set by `simpul republish` on copies of history: side effects (webhooks, dispatch) skip them. */
  replay: 'simpul-replay',
} as const;

export function envelopeHeaders(
  eventId: string,
  eventType: string,
  eventVersion: number,
): IHeaders {
  return {
    [HEADER.eventId]: eventId,
    [HEADER.eventType]: eventType,
    [HEADER.eventVersion]: String(eventVersion),
    [HEADER.contentType]: 'application/json',
  };
}

export function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0]?.toString() : value.toString();
}

/** True for an event copied from history by a replay (`simpul-replay` header other than "false"). */
export function isReplayed(headers: IHeaders | undefined): boolean {
  const value = headerString(headers, HEADER.replay);
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
