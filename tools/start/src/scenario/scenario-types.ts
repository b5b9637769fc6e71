/** Where the scenario talks to: the four services' base URLs and a token factory. */
export interface ScenarioTarget {
  urls: { catalog: string; orders: string; logistics: string; pricing: string };
  /** A bearer token (without "Bearer ") for a role, and for producer/bumd/driver its tenant. */
  token: (role: string, tenant?: string) => string;
}

export interface ScenarioOptions {
  /** Simulated days of the programme (each a round of offers, requests, prices, dispatch). */
  days: number;
  /** Same seed, same scenario: every random choice comes from it. */
  seed: number;
  /** Scale of the daily volume: 1 is a modest demo; higher pushes more offers and requests. */
  rate: number;
  /** Called as work progresses, for a progress bar. */
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * How long confirmed orders may wait for the dispatch planner before the BTC operator
   * charters a truck (the seeded fleet is away for ~18 h of real time after a delivery).
   * Default 6000 ms: a few planning rounds of the demo's interval.
   */
  stallMs?: number;
  /**
   * The roster's catalog producer ids by roster key, when the caller registered them already
   * (npm start does, as reference data); without it the scenario registers them itself.
   */
  producerIds?: ReadonlyMap<string, string>;
}

export interface CommodityFigures {
  commodityCode: string;
  /** The commodity's trading unit: the *Kg figures are in it (DJEMBE counts pieces). */
  unit: string;
  offeredKg: number;
  requestedKg: number;
  matchedKg: number;
  /** 30-day CV of the Jakarta consumer price, when pricing has one. */
  priceCvPercent: number | null;
}

export interface ScenarioSummary {
  days: number;
  seed: number;
  offers: number;
  requests: number;
  orders: number;
  /** Matched quantity over requested quantity, 0..1. */
  fillRate: number;
  shipments: {
    planned: number;
    delivered: number;
    failed: number;
    onTime: number;
    late: number;
    /** Flagged by logistics' delay check (past their ETA) and still flagged. */
    delayed: number;
  };
  /** Delivered on or before deliver-by, over delivered, 0..1. */
  onTimeRate: number;
  alertsByTier: Record<string, number>;
  alertsByRule: Record<string, number>;
  cancellations: number;
  rejectedLines: number;
  commodities: CommodityFigures[];
  /** Orders the BUMDs closed after delivery. */
  closedOrders: number;
  /** Trucks the BTC operator chartered when the seeded fleet was away. */
  chartered: number;
  priceSpike: PriceSpikeFigures;
  /** One offer followed through the whole chain, read back from the services. */
  chain: ChainTrace | null;
  /** Checks that the numbers add up; each false is a defect. */
  checks: { name: string; ok: boolean; detail: string }[];
}

export interface PriceSpikeFigures {
  commodityCode: string;
  /** The open PRICE_RISE tier on the Jakarta consumer price after each day's prices. */
  tiersSeen: (string | null)[];
  ceilingIdr: number | null;
  /** Simulated day (0-based) on which the operator set the ceiling. */
  ceilingDay: number | null;
  overCeilingOfferId: string | null;
  /** Quantity of the over-ceiling offer that was allocated (0 is right). */
  overCeilingAllocated: number | null;
  /** Why the request that wanted the over-ceiling lot waits, as the matching engine says. */
  blockedRequestReasons: string[];
}

export interface ChainTrace {
  offerId: string;
  offerQuantity: number;
  offerRemaining: number;
  allocationId: string;
  orderId: string;
  orderStatus: string;
  shipmentId: string;
  shipmentStatus: string;
  receivedAmount: number | null;
}
