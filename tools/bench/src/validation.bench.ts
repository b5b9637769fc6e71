import 'reflect-metadata';
import { decodeEvent, parseJson, validateEvent } from '@simpul/contracts';
import { roundTo, writeBenchResult } from '@simpul/platform';
import { parseArgs } from 'node:util';
import { sampleOutboxRecords } from './sample-events';

/** CPU cost per event of what every consumer does before applying it: JSON parse and contract validation. */
function microsecondsPerEvent(values: readonly string[], work: (value: string) => unknown): number {
  const started = process.hrtime.bigint();
  for (const value of values) work(value);
  return Number(process.hrtime.bigint() - started) / 1e3 / values.length;
}

interface Measured {
  events: number;
  bytes: number;
  parse: number;
  /** decodeEvent: what the consumer runs (compiled checks, class-validator only on rejection). */
  full: number;
  /** validateEvent(parseJson()): class-validator and class-transformer on every message. */
  classValidator: number;
}

function saveResult(startedAt: Date, m: Measured): void {
  writeBenchResult({
    name: 'validation',
    startedAt,
    parameters: { events: m.events, eventType: 'catalog.offer.published', bytesPerEvent: m.bytes },
    figures: {
      parseMicrosPerEvent: roundTo(m.parse, 1),
      validateMicrosPerEvent: roundTo(m.full, 1),
      eventsPerSecondOneCore: Math.round(1e6 / m.full),
      classValidatorMicrosPerEvent: roundTo(m.classValidator, 1),
    },
  });
}

function main(): void {
  const startedAt = new Date();
  const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' } } });
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 1)
    throw new Error('--events takes a positive whole number');
  const messages = sampleOutboxRecords(events).map((record) => record.value);
  const warmUp = messages.slice(0, 2000);
  microsecondsPerEvent(warmUp, (v) => decodeEvent(v));
  microsecondsPerEvent(warmUp, (v) => validateEvent(parseJson(v)));
  const parse = microsecondsPerEvent(messages, (v) => parseJson(v));
  const full = microsecondsPerEvent(messages, (v) => decodeEvent(v));
  const classValidator = microsecondsPerEvent(messages, (v) => validateEvent(parseJson(v)));
  const bytes = Buffer.byteLength(messages[0]);
  console.log(`${events} catalog.offer.published events, ${bytes} bytes each`);
  console.log(`JSON.parse only:                  ${parse.toFixed(1)} µs/event`);
  console.log(
    `parse + envelope + payload check: ${full.toFixed(1)} µs/event (${(1e6 / full).toFixed(0)} events/s on one core)`,
  );
  console.log(
    `  the same with class-validator:  ${classValidator.toFixed(1)} µs/event (validateEvent on every message, as before)`,
  );
  saveResult(startedAt, { events, bytes, parse, full, classValidator });
}

main();
