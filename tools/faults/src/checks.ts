import { ALL_TOPICS, dlqTopicName } from '@simpul/contracts';
import { readTopic } from '@simpul/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { FaultSystem, ServiceName } from './system';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Figures {
  requestsInDatabase: number;
  ordersConfirmed: number;
  allocations: number;
  shipmentsPlanned: number;
  eventsOnTopics: number;
  republishedCopies: number;
  deadLetters: number;
  webhookEvents: number;
  webhookReceipts: number;
}

async function withDb<T>(url: string, run: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

const rows = async <T>(db: Client, sql: string, params: unknown[] = []) =>
  (await db.query(sql, params)).rows as T[];

interface Envelope {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** Every message of a topic of the run, parsed where it parses. */
async function envelopes(
  kafka: Kafka,
  topic: string,
): Promise<{ raw: string; envelope?: Envelope }[]> {
  return (await readTopic(kafka, topic)).map((m) => {
    const raw = m.value ?? '';
    try {
      return { raw, envelope: JSON.parse(raw) as Envelope };
    } catch {
      return { raw };
    }
  });
}

/** Per business id (order, allocation, shipment), the distinct event ids that created it. */
function creations(events: readonly Envelope[], type: string, idField: string) {
  const byEntity = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type !== type) continue;
    const id = String(e.data[idField]);
    byEntity.set(id, (byEntity.get(id) ?? new Set()).add(e.id));
  }
  return byEntity;
}

/**
 * The invariants after the system drained: states final, nothing over-allocated, nothing created
 * twice, every outbox row published, only the poison dead-lettered, quantities that add up.
 */
export async function runChecks(
  system: FaultSystem,
  kafka: Kafka,
  prefix: string,
  accepted: ReadonlySet<string>,
  poison: readonly string[],
  webhookReceipts: readonly string[],
): Promise<{ checks: Check[]; figures: Figures }> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const db = (service: ServiceName) => system.databases.get(service)?.url as string;

  // Requests: every accepted one exists and is final; none over-filled.
  const requests = await withDb(db('orders'), (c) =>
    rows<{ id: string; status: string; quantity: string; filled: string; lines: string }>(
      c,
      `SELECT r.id, r.status, r.quantity::text, r.filled::text,
              coalesce((SELECT sum(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id
                         WHERE o.request_id = r.id AND l.released_at IS NULL), 0)::text AS lines
         FROM purchase_requests r`,
    ),
  );
  const byId = new Map(requests.map((r) => [r.id, r]));
  const missing = [...accepted].filter((id) => !byId.has(id));
  check(
    'every accepted request is in the orders database',
    missing.length === 0,
    `${accepted.size} accepted, ${missing.length} missing`,
  );
  const notFinal = requests.filter((r) => !['matched', 'cancelled', 'expired'].includes(r.status));
  check(
    'every request reached a final state',
    notFinal.length === 0,
    `${requests.length} requests: ${countBy(requests.map((r) => r.status))}`,
  );
  const overFilled = requests.filter((r) => Number(r.filled) > Number(r.quantity) + 1e-9);
  const linesDisagree = requests.filter((r) => Math.abs(Number(r.lines) - Number(r.filled)) > 1e-6);
  check('no request over-allocated', overFilled.length === 0, `${overFilled.length} over-filled`);
  check(
    "every request's filled amount equals its order lines",
    linesDisagree.length === 0,
    `${linesDisagree.length} disagree${linesDisagree[0] ? ` (e.g. ${linesDisagree[0].id}: filled ${linesDisagree[0].filled}, lines ${linesDisagree[0].lines})` : ''}`,
  );

  // Offers: orders never allocated more than offered; the catalog's quantities add up.
  const overOffered = await withDb(db('orders'), (c) =>
    rows<{ offer_id: string }>(
      c,
      `SELECT b.offer_id FROM offer_book b
         JOIN order_lines l ON l.offer_id = b.offer_id AND l.released_at IS NULL
        GROUP BY b.offer_id, b.offered_amount HAVING sum(l.quantity) > b.offered_amount`,
    ),
  );
  check(
    'no offer over-allocated',
    overOffered.length === 0,
    `${overOffered.length} offers over-allocated`,
  );
  const catalogOffers = await withDb(db('catalog'), (c) =>
    rows<{ id: string; offered: string; remaining: string; allocated: string }>(
      c,
      `SELECT o.id, o.quantity_amount::text AS offered, o.remaining_amount::text AS remaining,
              coalesce((SELECT sum(a.quantity_amount) FROM offer_allocations a
                         WHERE a.offer_id = o.id AND a.released_at IS NULL), 0)::text AS allocated
         FROM supply_offers o`,
    ),
  );
  const unbalanced = catalogOffers.filter(
    (o) => Math.abs(Number(o.allocated) + Number(o.remaining) - Number(o.offered)) > 1e-6,
  );
  check(
    'allocated + remaining = offered for every offer (catalog)',
    unbalanced.length === 0,
    `${catalogOffers.length} offers, ${unbalanced.length} unbalanced`,
  );
  const ordersAllocated = await withDb(db('orders'), (c) =>
    rows<{ offer_id: string; allocated: string }>(
      c,
      'SELECT offer_id, sum(quantity)::text AS allocated FROM order_lines WHERE released_at IS NULL GROUP BY offer_id',
    ),
  );
  const catalogAllocated = new Map(catalogOffers.map((o) => [o.id, Number(o.allocated)]));
  const disagreeing = ordersAllocated.filter(
    (o) => Math.abs((catalogAllocated.get(o.offer_id) ?? 0) - Number(o.allocated)) > 1e-6,
  );
  check(
    'catalog and orders agree on what each offer has allocated',
    disagreeing.length === 0,
    `${ordersAllocated.length} offers with allocations, ${disagreeing.length} disagree`,
  );

  // Nothing created twice: one creating event id per order, allocation and shipment.
  const orderEvents = await envelopes(kafka, `${prefix}orders.orders.v1`);
  const shipmentEvents = await envelopes(kafka, `${prefix}logistics.shipments.v1`);
  const parsed = [...orderEvents, ...shipmentEvents].flatMap((m) =>
    m.envelope ? [m.envelope] : [],
  );
  const twice = (map: Map<string, Set<string>>) =>
    [...map.values()].filter((ids) => ids.size > 1).length;
  const orders = creations(parsed, 'orders.order.confirmed', 'orderId');
  const allocations = creations(parsed, 'orders.allocation.made', 'allocationId');
  const shipments = creations(parsed, 'logistics.shipment.planned', 'shipmentId');
  check(
    'no order created twice',
    twice(orders) === 0,
    `${orders.size} orders, ${twice(orders)} with two creating events`,
  );
  check(
    'no allocation made twice',
    twice(allocations) === 0,
    `${allocations.size} allocations, ${twice(allocations)} twice`,
  );
  check(
    'no shipment planned twice',
    twice(shipments) === 0,
    `${shipments.size} shipments, ${twice(shipments)} twice`,
  );
  const dbOrders = await withDb(db('orders'), (c) =>
    rows<{ n: number }>(c, 'SELECT count(*)::int AS n FROM orders'),
  );
  check(
    'every order in the database was announced once',
    dbOrders[0].n === orders.size,
    `${dbOrders[0].n} orders in the database, ${orders.size} order.confirmed on the topic`,
  );

  // Outboxes: everything published.
  const backlog: string[] = [];
  for (const service of system.databases.keys()) {
    const [{ n }] = await withDb(db(service), (c) =>
      rows<{ n: number }>(c, 'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'),
    );
    if (n > 0) backlog.push(`${service}: ${n}`);
  }
  check(
    'every outbox row published',
    backlog.length === 0,
    backlog.length ? backlog.join(', ') : 'all four outboxes empty',
  );

  // Dead letters: only the poison.
  const poisonSet = new Set(poison);
  let deadLetters = 0;
  const unexpected: string[] = [];
  const poisoned = new Set<string>();
  for (const topic of ALL_TOPICS) {
    for (const message of await readTopic(kafka, `${prefix}${dlqTopicName(topic.name)}`)) {
      deadLetters++;
      const value = message.value ?? '';
      if (poisonSet.has(value)) poisoned.add(value);
      else
        unexpected.push(
          `${topic.name}.dlq: ${message.headers['dlq-error-code']} ${(message.headers['dlq-error'] ?? '').slice(0, 120)}`,
        );
    }
  }
  check(
    'the DLQs hold only the deliberate poison, all of it',
    unexpected.length === 0 && poisoned.size === poison.length,
    `${deadLetters} dead letters, ${poisoned.size} of ${poison.length} poison values${unexpected.length ? `; unexpected: ${unexpected.slice(0, 3).join(' | ')}` : ''}`,
  );

  // Webhooks: one delivery row per subscription and event (a UNIQUE key), each delivered; the
  // receiver got every event at least once (copies after a crash mid-send are allowed: it de-duplicates by id).
  const feed = await withDb(db('orders'), (c) =>
    rows<{ event_id: string; state: string }>(
      c,
      'SELECT d.event_id::text, d.state FROM webhook_deliveries d',
    ),
  );
  const undelivered = feed.filter((d) => d.state !== 'delivered');
  const received = new Set(webhookReceipts);
  const notReceived = feed.filter((d) => !received.has(d.event_id));
  check(
    'every webhook event delivered to the BUMD receiver',
    undelivered.length === 0 && notReceived.length === 0 && feed.length > 0,
    `${feed.length} deliveries, ${undelivered.length} not delivered, ${notReceived.length} never received, ${webhookReceipts.length - received.size} extra copies received (at least once)`,
  );

  // A fault is something done to a process; a process ending by itself is a defect.
  const exits = system.unexpectedExits;
  check(
    'no service process exited except when the run killed or stopped it',
    exits.length === 0,
    exits.length === 0
      ? `${system.instances.length} instances, every exit one the run caused`
      : exits.map((e) => `${e.id} exited (${e.code}) at +${Math.round(e.at / 1000)} s`).join('; '),
  );

  const allMessages = orderEvents.length + shipmentEvents.length;
  const distinct = new Set(parsed.map((e) => e.id)).size;
  return {
    checks,
    figures: {
      requestsInDatabase: requests.length,
      ordersConfirmed: orders.size,
      allocations: allocations.size,
      shipmentsPlanned: shipments.size,
      eventsOnTopics: allMessages,
      republishedCopies: parsed.length - distinct,
      deadLetters,
      webhookEvents: feed.length,
      webhookReceipts: webhookReceipts.length,
    },
  };
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}
