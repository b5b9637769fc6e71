import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEnvelope,
  type EventEnvelope,
  OfferPublished,
  OfferWithdrawn,
  TOPICS,
} from '@simpul/contracts';
import { envelopeHeaders, provisionTopics, TopicNamer } from '@simpul/messaging';
import {
  fixtureUuid,
  offerPublishedFixture,
  readTopic,
  type ReadMessage,
  testKafka,
  testKafkaBrokers,
  uniqueTopicPrefix,
} from '@simpul/testing';
import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import type { Kafka, Message, Producer } from 'kafkajs';
import { readParquet } from 'parquet-wasm';
import { cliContext, type CliContext } from '../cli-context';
import { run } from '../main';
import { exportColumns } from './export-columns';
import { type ExportOptions, runExport } from './run-export';

const TOPIC = TOPICS.catalogOffers;
const BATCH = 60;
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

function offerEvent(n: number): EventEnvelope {
  // Every tenth offer is withdrawn right after it is published: two event types on the topic.
  return n % 10 === 9
    ? createEnvelope(OfferWithdrawn, {
        source: 'catalog',
        subject: fixtureUuid(n - 1),
        data: {
          offerId: fixtureUuid(n - 1),
          commodityCode: offerPublishedFixture(n - 1).commodityCode,
          reason: 'sold elsewhere, "at the market"',
          withdrawnBy: fixtureUuid(0xaa),
          withdrawnAt: new Date().toISOString(),
        },
      })
    : createEnvelope(OfferPublished, {
        source: 'catalog',
        subject: fixtureUuid(n),
        tenantId: 'umkm-blitar',
        data: offerPublishedFixture(n, {
          unitPriceIdr: 26_000 + n,
          quantity: { amount: 100.5 + n, unit: 'kg' },
          producerCertificates: n % 2 ? ['halal'] : undefined,
        }),
      });
}

function message(event: EventEnvelope): Message {
  const data = event.data as { commodityCode: string };
  return {
    key: data.commodityCode,
    value: JSON.stringify(event),
    headers: envelopeHeaders(event.id, event.type, event.version),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EventEnvelope);

describe('simpul export (real broker)', () => {
  const prefix = uniqueTopicPrefix();
  const namer = new TopicNamer(prefix);
  const physical = namer.physical(TOPIC.name);
  const dir = mkdtempSync(join(tmpdir(), 'simpul-export-'));
  let kafka: Kafka;
  let producer: Producer;
  let context: CliContext;
  const batches: EventEnvelope[][] = [];
  let windowFrom = 0;
  let windowTo = 0;
  let onTopic: ReadMessage[] = [];

  const exportTo = async (name: string, options: ExportOptions) => {
    const out = join(dir, name);
    const summary = await runExport(context, TOPIC.name, { ...options, out, progress: false });
    return { out, summary };
  };

  beforeAll(async () => {
    kafka = testKafka('export-spec');
    await provisionTopics(kafka, [TOPIC], { namer, logger: quiet });
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    context = cliContext({ brokers: testKafkaBrokers(), prefix });
    // Three batches with pauses between them; the middle one is the time window.
    for (let b = 0; b < 3; b++) {
      if (b > 0) await pause(1200);
      if (b === 1) windowFrom = Date.now();
      const events = Array.from({ length: BATCH }, (_, i) => offerEvent(b * BATCH + i));
      batches.push(events);
      await producer.send({ topic: physical, acks: -1, messages: events.map(message) });
      if (b === 1) {
        await pause(20);
        windowTo = Date.now();
      }
    }
    onTopic = await readTopic(kafka, physical);
  }, 60_000);

  afterAll(async () => {
    await producer.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports exactly the events of a time range, in log order per key and by time overall', async () => {
    const { out, summary } = await exportTo('window.ndjson', {
      from: new Date(windowFrom).toISOString(),
      to: new Date(windowTo).toISOString(),
    });
    const exported = lines(out);
    expect(exported.map((e) => e.id).sort()).toEqual(batches[1].map((e) => e.id).sort());
    expect(summary.written).toBe(BATCH);
    // Per key (= partition), the order of the log, which is the order they were produced in.
    const keyOf = (e: EventEnvelope) => (e.data as { commodityCode: string }).commodityCode;
    for (const key of new Set(exported.map(keyOf))) {
      expect(exported.filter((e) => keyOf(e) === key).map((e) => e.id)).toEqual(
        batches[1].filter((e) => keyOf(e) === key).map((e) => e.id),
      );
    }
    // Overall by record timestamp: the CSV export of the same window shows them.
    const csv = await exportTo('window.csv', {
      from: new Date(windowFrom).toISOString(),
      to: new Date(windowTo).toISOString(),
      format: 'csv',
    });
    const rows = parse(readFileSync(csv.out), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(exported.map((e) => e.id));
    const stamps = rows.map((r) => Date.parse(r.timestamp));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(Math.min(...stamps)).toBeGreaterThanOrEqual(windowFrom);
    expect(Math.max(...stamps)).toBeLessThan(windowTo);
  });

  it('exports offset ranges: the same offsets in every partition, or named partitions only', async () => {
    const all = await exportTo('offsets.csv', { from: 'offset:2', to: 'offset:5', format: 'csv' });
    const rows = parse(readFileSync(all.out), { columns: true }) as Record<string, string>[];
    const expected = onTopic.filter((m) => BigInt(m.offset) >= 2n && BigInt(m.offset) < 5n);
    expect(rows.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(
      expected.map((m) => `${m.partition}:${m.offset}`).sort(),
    );

    const named = await exportTo('partition.ndjson', { from: '1:3,4:0', to: '1:7,4:2' });
    const expectedNamed = onTopic.filter(
      (m) =>
        (m.partition === 1 && BigInt(m.offset) >= 3n && BigInt(m.offset) < 7n) ||
        (m.partition === 4 && BigInt(m.offset) < 2n),
    );
    expect(
      lines(named.out)
        .map((e) => e.id)
        .sort(),
    ).toEqual(expectedNamed.map((m) => (JSON.parse(m.value ?? '') as EventEnvelope).id).sort());
  });

  it('filters by key, event type and commodity', async () => {
    const all = onTopic.map((m) => ({ ...m, event: JSON.parse(m.value ?? '') as EventEnvelope }));
    const ids = (file: string) =>
      lines(file)
        .map((e) => e.id)
        .sort();

    const byKey = await exportTo('key.ndjson', { key: 'EGG' });
    expect(ids(byKey.out)).toEqual(
      all
        .filter((m) => m.key === 'EGG')
        .map((m) => m.event.id)
        .sort(),
    );

    const byType = await exportTo('type.ndjson', { type: ['catalog.offer.withdrawn'] });
    const withdrawn = all.filter((m) => m.event.type === 'catalog.offer.withdrawn');
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(ids(byType.out)).toEqual(withdrawn.map((m) => m.event.id).sort());

    const byCommodity = await exportTo('commodity.ndjson', {
      commodity: 'CHILI_RED_CURLY',
      type: ['catalog.offer.published', 'catalog.offer.withdrawn'],
      from: new Date(windowFrom).toISOString(),
    });
    expect(ids(byCommodity.out)).toEqual(
      all
        .filter(
          (m) =>
            (m.event.data as { commodityCode: string }).commodityCode === 'CHILI_RED_CURLY' &&
            !batches[0].some((e) => e.id === m.event.id),
        )
        .map((m) => m.event.id)
        .sort(),
    );
  });

  it('writes CSV and Parquet with the same values as NDJSON; an independent reader (parquet-wasm, Rust) reads the Parquet file', async () => {
    const ndjson = lines((await exportTo('all.ndjson', {})).out);
    const csvRows = parse(readFileSync((await exportTo('all.csv', { format: 'csv' })).out), {
      columns: true,
    }) as Record<string, string>[];
    const parquetFile = (await exportTo('all.parquet', { format: 'parquet' })).out;
    const table = tableFromIPC(readParquet(readFileSync(parquetFile)).intoIPCStream());
    const parquetRows = table
      .toArray()
      .map((row) => (row as { toJSON(): object }).toJSON()) as Record<string, unknown>[];

    const columns = exportColumns(TOPIC);
    expect(Object.keys(csvRows[0])).toEqual(columns.map((c) => c.name));
    expect(table.schema.fields.map((f) => f.name)).toEqual(columns.map((c) => c.name));
    expect(csvRows).toHaveLength(onTopic.length);
    expect(parquetRows).toHaveLength(onTopic.length);
    expect(ndjson).toHaveLength(onTopic.length);

    const at = (event: object, path: readonly string[]) =>
      path.reduce<unknown>(
        (node, step) =>
          node && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined,
        event,
      );
    const byOffset = new Map(onTopic.map((m) => [`${m.partition}:${m.offset}`, m]));
    let compared = 0;
    ndjson.forEach((event, i) => {
      const csv = csvRows[i];
      const pq = parquetRows[i];
      expect(csv.id).toBe(event.id);
      expect(pq.id).toBe(event.id);
      const kafkaRecord = byOffset.get(`${csv.partition}:${csv.offset}`);
      expect(kafkaRecord?.key).toBe(csv.key);
      expect(pq.partition).toBe(Number(csv.partition));
      expect(pq.offset).toBe(BigInt(csv.offset));
      expect(pq.timestamp).toBe(Date.parse(csv.timestamp));
      expect(pq.topic).toBe(TOPIC.name);
      for (const column of columns.filter((c) => c.source !== 'kafka')) {
        const value = at(event, column.path);
        if (value === undefined || value === null) {
          expect(csv[column.name]).toBe('');
          expect(pq[column.name]).toBeNull();
        } else if (typeof value === 'object') {
          expect(JSON.parse(csv[column.name])).toEqual(value);
          expect(JSON.parse(pq[column.name] as string)).toEqual(value);
        } else {
          expect(csv[column.name]).toBe(String(value));
          expect(pq[column.name]).toBe(value);
        }
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(onTopic.length * 10);
  });

  it('ends at the end offsets of its start while a producer keeps writing', async () => {
    const busy = kafka.producer({ idempotent: true });
    await busy.connect();
    let writing = true;
    let n = 10_000;
    const writer = (async () => {
      while (writing) {
        const events = Array.from({ length: 20 }, () => offerEvent(n++));
        await busy.send({ topic: physical, acks: -1, messages: events.map(message) });
        await pause(5);
      }
    })();
    try {
      await pause(300);
      const admin = kafka.admin();
      await admin.connect();
      const before = await admin.fetchTopicOffsets(physical);
      const { out, summary } = await exportTo('busy.csv', { format: 'csv' });
      const after = await admin.fetchTopicOffsets(physical);
      await admin.disconnect();
      const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
      expect(summary.written).toBe(rows.length);
      for (const { partition, high } of after) {
        const offsets = rows
          .filter((r) => Number(r.partition) === partition)
          .map((r) => Number(r.offset));
        const low = Number(before.find((b) => b.partition === partition)?.high);
        // Every record from the start of the partition, contiguous, up to an end fixed during the call.
        expect(offsets.sort((a, b) => a - b)).toEqual(offsets.map((_, i) => i));
        expect(offsets.length).toBeGreaterThanOrEqual(low);
        expect(offsets.length).toBeLessThanOrEqual(Number(high));
      }
      expect(after.reduce((s, p) => s + Number(p.high), 0)).toBeGreaterThan(rows.length);
    } finally {
      writing = false;
      await writer;
      await busy.disconnect();
    }
  }, 60_000);

  it('commits no offsets in any consumer group, and leaves no group of its own behind', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      // A service's group with committed offsets on the topic.
      const serviceGroup = `${prefix}orders.matching`;
      await admin.setOffsets({
        groupId: serviceGroup,
        topic: physical,
        partitions: [
          { partition: 0, offset: '3' },
          { partition: 1, offset: '1' },
        ],
      });
      const groupsBefore = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
      const committedBefore = await admin.fetchOffsets({
        groupId: serviceGroup,
        topics: [physical],
      });
      await exportTo('groups.ndjson', {});
      await exportTo('groups.parquet', { format: 'parquet', type: ['catalog.offer.published'] });
      const groupsAfter = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
      expect(groupsAfter.filter((g) => g.startsWith(prefix))).toEqual(
        groupsBefore.filter((g) => g.startsWith(prefix)),
      );
      expect(await admin.fetchOffsets({ groupId: serviceGroup, topics: [physical] })).toEqual(
        committedBefore,
      );
    } finally {
      await admin.disconnect();
    }
  });

  describe('bad input: one line on stderr, exit code 2, no stack trace', () => {
    const simpul = async (args: string[]) => {
      let stderr = '';
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        stderr += String(chunk);
        return true;
      });
      try {
        const code = await run(['--brokers', testKafkaBrokers(), '--prefix', prefix, ...args]);
        return { code, stderr };
      } finally {
        spy.mockRestore();
      }
    };

    it.each([
      ['an unknown topic', ['export', 'catalog.nothing.v1'], /unknown topic "catalog.nothing.v1"/],
      [
        'a malformed time',
        ['export', TOPIC.name, '--from', 'yesterday'],
        /--from: "yesterday" is not a time/,
      ],
      [
        '--from after --to',
        ['export', TOPIC.name, '--from', '2026-11-21', '--to', '2026-11-20'],
        /--from 2026-11-21 .* is after --to 2026-11-20/,
      ],
      [
        'offsets the wrong way round',
        ['export', TOPIC.name, '--from', 'offset:9', '--to', 'offset:3'],
        /after --to offset 3/,
      ],
      [
        'a partition that does not exist',
        ['export', TOPIC.name, '--from', '17:0'],
        /partition 17 does not exist/,
      ],
      ['an unknown format', ['export', TOPIC.name, '--format', 'xlsx'], /--format: "xlsx"/],
      ['Parquet to stdout', ['export', TOPIC.name, '--format', 'parquet'], /needs --out/],
      [
        'a topic missing on the broker',
        ['export', TOPICS.pricingAlerts.name],
        /does not exist on the broker/,
      ],
    ])('%s', async (_label, args, message) => {
      const { code, stderr } = await simpul(args);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  });
});
