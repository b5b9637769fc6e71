import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { LoggerLike } from './logger-like';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  logger?: LoggerLike;
  connectionTimeoutMs?: number;
}

// The coordinator answers "loading" for a moment after a broker starts; kafkajs retries it.
const TRANSIENT_NOISE =
  /coordinator is loading|coordinator is not available|not the correct coordinator/i;
// Bounded producer retries are deliberate: the outbox relay retries whole batches and consumers deduplicate.
const KNOWN_WARNINGS = /Limiting retries for the idempotent producer/;

function toLogCreator(logger: LoggerLike): logCreator {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const line = { source: 'kafkajs', ...extra };
      if (level === logLevel.ERROR && !TRANSIENT_NOISE.test(String(extra['error'] ?? ''))) {
        logger.error(message, line);
      } else if (
        (level === logLevel.ERROR || level === logLevel.WARN) &&
        !KNOWN_WARNINGS.test(message)
      ) {
        logger.warn(message, line);
      } else {
        logger.debug?.(message, line);
      }
    };
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs ?? 3000,
    logLevel: logLevel.WARN,
    logCreator: settings.logger ? toLogCreator(settings.logger) : undefined,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
  });
}

export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}
