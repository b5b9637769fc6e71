export type CleanupPolicy = 'delete' | 'compact';

export interface TopicDefinition {
  /** `<service>.<stream>.v<major>` */
  name: string;
  owner: 'catalog' | 'orders' | 'logistics' | 'pricing';
  description: string;
  partitions: number;
  /** What the message key is: every event of one key stays in order. */
  key: string;
  cleanupPolicy: CleanupPolicy;
  /** -1 keeps events forever: the event log is the analysts' record. */
  retentionMs: number;
}

const FOREVER = -1;
const DLQ_RETENTION_MS = 30 * 24 * 3600 * 1000;

export const TOPICS = {
  catalogOffers: {
    name: 'catalog.offers.v1',
    owner: 'catalog',
    description: 'Supply offer lifecycle published by Blitar UMKM producers through the BTC hub.',
    partitions: 6,
    key: 'commodityCode: the matching engine needs every input for one commodity in one ordered stream',
    cleanupPolicy: 'delete',
    retentionMs: FOREVER,
  },
  catalogProducers: {
    name: 'catalog.producers.v1',
    owner: 'catalog',
    description: 'Producer (UMKM) registration and verification status, curated by BTC operators.',
    partitions: 3,
    key: 'producerId',
    cleanupPolicy: 'delete',
    retentionMs: FOREVER,
  },
  ordersMatching: {
    name: 'orders.matching.v1',
    owner: 'orders',
    description:
      'Every input of the matching engine (offers, requests, cancellations, releases, ceilings, ticks) sequenced per commodity: the book is the state of this stream.',
    partitions: 6,
    key: 'commodityCode: one partition orders all inputs of a commodity, so one consumer owns its book',
    cleanupPolicy: 'delete',
    retentionMs: FOREVER,
  },
  ordersOrders: {
    name: 'orders.orders.v1',
    owner: 'orders',
    description: 'Purchase requests, allocations and orders of the Jakarta BUMDs.',
    partitions: 6,
    key: 'requestId for purchase requests, orderId for orders, commodityCode for allocations',
    cleanupPolicy: 'delete',
    retentionMs: FOREVER,
  },
  logisticsShipments: {
    name: 'logistics.shipments.v1',
    owner: 'logistics',
    description:
      "Truck and rail loads from BTC Blitar to Jakarta destinations, tracked to delivery, and logistics' answers to order cancellations.",
    partitions: 6,
    key: 'shipmentId for shipments, orderId for answers to cancellations',
    cleanupPolicy: 'delete',
    retentionMs: FOREVER,
  },
  pricingCeilings: {
    name: 'pricing.ceilings.v1',
    owner: 'pricing',
    description:
      'Current price ceiling per commodity that the matching engine obeys (latest value per key).',
    partitions: 3,
    key: 'commodityCode',
    cleanupPolicy: 'compact',
    retentionMs: FOREVER,
  },
  pricingObservations: {
    name: 'pricing.observations.v1',
    owner: 'pricing',
    description:
      'Market prices observed outside simpul (Jakarta retail markets: REST and CSV imports), in batches per commodity.',
    partitions: 3,
    key: 'commodityCode',
    cleanupPolicy: 'delete',
    retentionMs: FOREVER,
  },
  pricingAlerts: {
    name: 'pricing.alerts.v1',
    owner: 'pricing',
    description: 'Price-stability alerts (rising, waspada, siaga, kritis; CV; HET/HAP breaches).',
    partitions: 3,
    key: 'commodityCode',
    cleanupPolicy: 'delete',
    retentionMs: FOREVER,
  },
} as const satisfies Record<string, TopicDefinition>;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS]['name'];

export const ALL_TOPICS: readonly TopicDefinition[] = Object.values(TOPICS);

/** Poison messages of `<topic>` go to `<topic>.dlq`, with the cause in headers. */
export function dlqTopicName(topic: string): string {
  return `${topic}.dlq`;
}

/** The dead-letter topic that goes with a topic: same partitions, bounded retention. */
export function dlqTopicFor(topic: TopicDefinition): TopicDefinition {
  return {
    ...topic,
    name: dlqTopicName(topic.name),
    description: `Dead letters of ${topic.name}: messages that failed validation or kept failing.`,
    cleanupPolicy: 'delete',
    retentionMs: DLQ_RETENTION_MS,
  };
}

/**
 * The topics a BUMD's feed is made of (its requests, allocations, orders and shipments): what
 * webhooks, the event stream and its own topic carry, for events whose `tenantId` is the BUMD.
 */
export const BUMD_FEED_TOPIC_NAMES: readonly string[] = [
  TOPICS.ordersOrders.name,
  TOPICS.logisticsShipments.name,
];

const BUMD_TOPIC_RETENTION_MS = 30 * 24 * 3600 * 1000;

/**
 * The optional topic of one BUMD (`orders.bumd-<buyerId>.v1`): a copy of the events of its own
 * requests, orders and shipments, for BUMDs that run Kafka consumers. Created when an operator
 * enables it; an ACL lets the BUMD's principal read this topic only (docs/bumd-developers.md).
 */
export function bumdTopicFor(buyerId: string): TopicDefinition {
  return {
    name: `orders.bumd-${buyerId}.v1`,
    owner: 'orders',
    description: `The events of ${buyerId}'s own requests, orders and shipments (a copy for its Kafka consumers).`,
    partitions: 3,
    key: 'as at the source: requestId, orderId, shipmentId (order per key is kept)',
    cleanupPolicy: 'delete',
    retentionMs: BUMD_TOPIC_RETENTION_MS,
  };
}

export function findTopic(name: string): TopicDefinition | undefined {
  return ALL_TOPICS.find((topic) => topic.name === name);
}
