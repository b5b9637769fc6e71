import type { EventEnvelope } from '@simpul/contracts';
import type { Consumer, Kafka } from 'kafkajs';
import { type Percentiles, percentiles } from './percentiles';

export interface FlowRun {
  label: string;
  requests: number;
  seconds: number;
  /** Requests matched and planned per second, first accepted to last planned. */
  throughput: number;
  toOrder: Percentiles;
  toPlanned: Percentiles;
}

/**
 * Watches orders.orders.v1 and logistics.shipments.v1 and times each request: accepted (its
 * 202), order confirmed, shipment planned. Times are when this process saw the event.
 */
export class FlowObserver {
  private consumer?: Consumer;
  private acceptedAt = new Map<string, number>();
  private ordered = new Map<string, number>();
  private planned = new Map<string, number>();
  private requestOfOrder = new Map<string, string>();
  /** Orders seen planned before their confirmation: the two topics are read independently. */
  private plannedBeforeConfirmed = new Map<string, number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: `${this.prefix}flow-observer`,
      maxWaitTimeInMs: 20,
    });
    await this.consumer.connect();
    for (const topic of ['orders.orders.v1', 'logistics.shipments.v1']) {
      await this.consumer.subscribe({ topic: `${this.prefix}${topic}`, fromBeginning: true });
    }
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const message of batch.messages)
          this.see(JSON.parse(message.value?.toString() ?? '{}'), now);
      },
    });
  }

  accepted(requestId: string, at: number): void {
    this.acceptedAt.set(requestId, at);
  }

  reset(): void {
    this.acceptedAt = new Map();
    this.ordered = new Map();
    this.planned = new Map();
  }

  /** Waits until every accepted request is planned, then measures the run. */
  async settle(requests: number, label: string, timeoutMs = 600_000): Promise<FlowRun> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = [...this.acceptedAt.keys()].filter((id) => this.planned.has(id)).length;
      if (process.stdout.isTTY)
        process.stdout.write(`\r  ${label}: ${done}/${requests} planned   `);
      if (this.acceptedAt.size === requests && done === requests) break;
      if (Date.now() > deadline)
        throw new Error(`${label}: only ${done} of ${requests} requests planned in time`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (process.stdout.isTTY) process.stdout.write('\n');
    const ids = [...this.acceptedAt.keys()];
    const first = Math.min(...ids.map((id) => this.acceptedAt.get(id) as number));
    const last = Math.max(...ids.map((id) => this.planned.get(id) as number));
    const seconds = (last - first) / 1000;
    const delays = (to: Map<string, number>) =>
      ids
        .map((id) => Math.max(0, (to.get(id) as number) - (this.acceptedAt.get(id) as number)))
        .sort((a, b) => a - b);
    return {
      label,
      requests,
      seconds,
      throughput: requests / seconds,
      toOrder: percentiles(delays(this.ordered)),
      toPlanned: percentiles(delays(this.planned)),
    };
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  static format(run: FlowRun): string {
    const ms = (p: Percentiles) => `p50 ${p.p50} ms · p95 ${p.p95} ms · p99 ${p.p99} ms`;
    return [
      `${run.label}: ${run.requests} requests matched and planned in ${run.seconds.toFixed(1)} s = ${run.throughput.toFixed(0)} requests/s`,
      `  request accepted → order confirmed:  ${ms(run.toOrder)}`,
      `  request accepted → shipment planned: ${ms(run.toPlanned)}`,
    ].join('\n');
  }

  private see(event: EventEnvelope<Record<string, unknown>>, now: number): void {
    if (event.type === 'orders.order.confirmed') {
      const [requestId, orderId] = [event.data['requestId'], event.data['orderId']] as string[];
      this.requestOfOrder.set(orderId, requestId);
      if (!this.ordered.has(requestId)) this.ordered.set(requestId, now);
      const plannedAt = this.plannedBeforeConfirmed.get(orderId);
      if (plannedAt !== undefined) {
        this.plannedBeforeConfirmed.delete(orderId);
        this.markPlanned(requestId, Math.max(plannedAt, now));
      }
    } else if (event.type === 'logistics.shipment.planned') {
      for (const orderId of event.data['orderIds'] as string[]) {
        const requestId = this.requestOfOrder.get(orderId);
        if (requestId) this.markPlanned(requestId, now);
        else if (!this.plannedBeforeConfirmed.has(orderId))
          this.plannedBeforeConfirmed.set(orderId, now);
      }
    }
  }

  private markPlanned(requestId: string, at: number): void {
    if (!this.planned.has(requestId)) this.planned.set(requestId, at);
  }
}
