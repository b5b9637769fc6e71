import type { Apis } from './api-client';
import type { ScenarioPlan } from './day-plan';
import type { ScenarioOptions } from './scenario-types';

export interface UnfilledReason {
  code: string;
  message: string;
}

/** What the simulator did and must remember between steps (the summary re-reads the services). */
export interface RunState {
  producerIds: Map<string, string>;
  offerIds: string[];
  requestIds: string[];
  tiersSeen: { day: number; date: string; tier: string | null }[];
  ceiling: { day: number; tier: string; unitPriceIdr: number } | null;
  overCeiling: { offerId: string; requestId: string } | null;
  cancellation: { orderId: string; requestId: string; day: number } | null;
  cancelAttempts: string[];
  delayed: { shipmentId: string; day: number } | null;
  rejection: { shipmentId: string; allocationId: string; amount: number; reason: string } | null;
  chartered: string[];
  movedShipments: Set<string>;
  closedOrders: Set<string>;
}

export interface ScenarioContext {
  apis: Apis;
  options: ScenarioOptions;
  plan: ScenarioPlan;
  /** Wall clock when the run began: what the services created since then is this run's. */
  startedAt: number;
  state: RunState;
  progress: Progress;
}

export function newRunState(): RunState {
  return {
    producerIds: new Map(),
    offerIds: [],
    requestIds: [],
    tiersSeen: [],
    ceiling: null,
    overCeiling: null,
    cancellation: null,
    cancelAttempts: [],
    delayed: null,
    rejection: null,
    chartered: [],
    movedShipments: new Set(),
    closedOrders: new Set(),
  };
}

/** Counts steps for options.onProgress. */
export class Progress {
  private done = 0;

  constructor(
    readonly total: number,
    private readonly report?: ScenarioOptions['onProgress'],
  ) {}

  start(label: string): void {
    this.report?.(this.done, this.total, label);
  }

  step(label: string): void {
    this.done = Math.min(this.total, this.done + 1);
    this.report?.(this.done, this.total, label);
  }
}
