import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvelope, OfferPublished, TOPICS } from '@simpul/contracts';
import { createKafka, envelopeHeaders, provisionTopics, TopicNamer } from '@simpul/messaging';
import { parseBenchOptions, roundTo, writeBenchResult } from '@simpul/platform';
import { offerPublishedFixture, provideKafka, uniqueId } from '@simpul/testing';
import { Partitioners } from 'kafkajs';

// The CLI is an application, not a library: the bench loads its built modules from dist/ (next to
// this script's own), in process, rather than importing across projects.
const { cliContext } = require(
  join(__dirname, '../../simpul/src/cli-context.js'),
) as typeof import('../../simpul/src/cli-context');
const { runExport } = require(
  join(__dirname, '../../simpul/src/export/run-export.js'),
) as typeof import('../../simpul/src/export/run-export');

/*
 * `npm run bench:export`: how fast `simpul export` reads a topic into a file. A fresh
 * catalog.offers.v1 (6 partitions, unique prefix) is filled with realistic
 * catalog.offer.published envelopes; then the whole topic is exported, in process, to NDJSON,
 * CSV and Parquet files in a temporary directory, `runs` times each. The rate is events written
 * per second from the start of reading (consumer join, seeks, fetches, merge, file writes,
 * group deletion) to the file being closed; the end offsets are resolved before the clock starts.
 */

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (m: unknown) => console.error(String(m)),
};

const loadAverage = () => loadavg().map((load) => roundTo(load, 2));

async function fill(brokers: string, namer: TopicNamer, events: number): Promise<number> {
  const kafka = createKafka({
    brokers: brokers.split(','),
    clientId: 'export-bench',
    logger: quiet,
  });
  await provisionTopics(kafka, [TOPICS.catalogOffers], { namer, logger: quiet, withDlq: false });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const topic = namer.physical(TOPICS.catalogOffers.name);
  const started = performance.now();
  let bytes = 0;
  const batch = 2_000;
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < events; i += batch) {
    const messages = Array.from({ length: Math.min(batch, events - i) }, (_, j) => {
      const n = i + j;
      const event = createEnvelope(OfferPublished, {
        source: 'catalog',
        subject: `offer-${n}`,
        tenantId: 'umkm-blitar',
        data: offerPublishedFixture(n, {
          unitPriceIdr: 26_000 + (n % 1_000),
          minOrderQuantity: 10,
          productionDate: '2029-12-31T00:00:00.000Z',
          bestBefore: '2030-01-20T00:00:00.000Z',
          producerCertificates: n % 3 ? ['halal'] : ['halal', 'nkv'],
        }),
      });
      const value = JSON.stringify(event);
      bytes += value.length;
      return {
        key: event.data.commodityCode,
        value,
        headers: envelopeHeaders(event.id, event.type, event.version),
      };
    });
    inFlight.push(producer.send({ topic, acks: -1, messages }));
    if (inFlight.length >= 4) await inFlight.shift();
  }
  await Promise.all(inFlight);
  await producer.disconnect();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `filled ${topic}: ${events.toLocaleString('en-US')} events, ${Math.round(bytes / events)} bytes each, in ${seconds.toFixed(1)} s`,
  );
  return Math.round(bytes / events);
}

interface Run {
  eventsPerCpuSecond: number;
  seconds: number;
  eventsPerSecond: number;
  fileBytes: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const options = parseBenchOptions({ events: 200_000, runs: 3 });
  const startedAt = new Date();
  const log = (line: string) => console.log(`  ${line}`);
  const kafkaInfo = await provideKafka(log);
  console.log(
    `export benchmark: ${options.events.toLocaleString('en-US')} catalog.offer.published events on 6 partitions, exported ${options.runs} times to NDJSON, CSV and Parquet; Apache Kafka ${kafkaInfo.version}; ${process.version}; load average ${loadAverage().join(' ')}`,
  );
  const namer = new TopicNamer(`bench-export-${uniqueId()}.`);
  const dir = mkdtempSync(join(tmpdir(), 'simpul-export-bench-'));
  const context = cliContext({ brokers: kafkaInfo.brokers, prefix: namer.prefix });
  try {
    const eventBytes = await fill(kafkaInfo.brokers, namer, options.events);
    // Let the broker settle (log flushes) after the burst of writes before timing reads.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const runs: Record<'ndjson' | 'csv' | 'parquet', Run[]> = { ndjson: [], csv: [], parquet: [] };
    const loads: number[][] = [];
    for (let r = 0; r < options.runs; r++) {
      loads.push(loadAverage());
      for (const format of ['ndjson', 'csv', 'parquet'] as const) {
        const out = join(dir, `run${r}.${format}`);
        const cpu = process.cpuUsage();
        const summary = await runExport(context, TOPICS.catalogOffers.name, {
          format,
          out,
          progress: false,
        });
        if (summary.written !== options.events) {
          throw new Error(
            `${format}: ${summary.written} events written, ${options.events} expected`,
          );
        }
        const used = process.cpuUsage(cpu);
        const run = {
          // CPU time of this process only (not the broker's): a figure a loaded machine disturbs less.
          eventsPerCpuSecond: Math.round(options.events / ((used.user + used.system) / 1e6)),
          seconds: roundTo(summary.seconds, 3),
          eventsPerSecond: Math.round(summary.eventsPerSecond),
          fileBytes: statSync(out).size,
        };
        runs[format].push(run);
        rmSync(out);
        console.log(
          `run ${r + 1} ${format.padEnd(7)} ${run.eventsPerSecond.toLocaleString('en-US').padStart(9)} events/s (${run.seconds} s, ${(run.fileBytes / 1e6).toFixed(1)} MB; ${run.eventsPerCpuSecond.toLocaleString('en-US')} events per CPU second of this process); load average ${loadAverage().join(' ')}`,
        );
      }
    }
    const figure = (format: keyof typeof runs) => ({
      eventsPerSecond: median(runs[format].map((x) => x.eventsPerSecond)),
      runs: runs[format].map((x) => x.eventsPerSecond),
      eventsPerCpuSecond: median(runs[format].map((x) => x.eventsPerCpuSecond)),
      seconds: runs[format].map((x) => x.seconds),
      fileBytes: runs[format][0].fileBytes,
    });
    const figures = {
      events: options.events,
      eventBytes,
      ndjson: figure('ndjson'),
      csv: figure('csv'),
      parquet: figure('parquet'),
      loadAverageAtRuns: loads,
      loadAverageAtEnd: loadAverage(),
    };
    console.log(
      `median: NDJSON ${figures.ndjson.eventsPerSecond.toLocaleString('en-US')} events/s, CSV ${figures.csv.eventsPerSecond.toLocaleString('en-US')} events/s, Parquet ${figures.parquet.eventsPerSecond.toLocaleString('en-US')} events/s (aim: NDJSON ≥ 50,000 events/s)`,
    );
    writeBenchResult({
      name: 'export',
      startedAt,
      parameters: options,
      figures,
      environment: { kafka: kafkaInfo.version },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const admin = context.kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [namer.physical(TOPICS.catalogOffers.name)] })
      .catch(() => undefined);
    await admin.disconnect();
    await kafkaInfo.stop?.();
  }
}

main().catch((error) => {
  console.error(`bench:export failed: ${(error as Error).message}`);
  process.exit(1);
});
