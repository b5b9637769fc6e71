import 'reflect-metadata';
import { parseJson, validateEvent } from '@simpul/contracts';
import { parseArgs } from 'node:util';
import { sampleOutboxRecords } from './sample-events';

/** CPU cost per event of what every consumer does before applying it: JSON parse and contract validation. */
function microsecondsPerEvent(values: readonly string[], work: (value: string) => unknown): number {
  const started = process.hrtime.bigint();
  for (const value of values) work(value);
  return Number(process.hrtime.bigint() - started) / 1e3 / values.length;
}

function main(): void {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' } } });
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 1)
    throw new Error('--events takes a positive whole number');
  const messages = sampleOutboxRecords(events).map((record) => record.value);
  microsecondsPerEvent(messages.slice(0, 2000), (v) => validateEvent(parseJson(v))); // warm-up
  const parse = microsecondsPerEvent(messages, (v) => parseJson(v));
  const full = microsecondsPerEvent(messages, (v) => validateEvent(parseJson(v)));
  console.log(
    `${events} catalog.offer.published events, ${Buffer.byteLength(messages[0])} bytes each`,
  );
  console.log(`JSON.parse only:                  ${parse.toFixed(1)} µs/event`);
  console.log(
    `parse + envelope + payload check: ${full.toFixed(1)} µs/event (${(1e6 / full).toFixed(0)} events/s on one core)`,
  );
}

main();
