import { CommodityBook } from './commodity-book';
import { MatchingEngine } from './matching-engine';
import type { Instant, MatchingInput, OfferTerms, RequestTerms } from './matching-inputs';
import type { MatchingOutcome } from './matching-outcomes';
import { HOUR, T0, offerTerms, requestTerms } from './matching.fixtures';
import type { Qty } from './quantity';

/**
 * The model behind the matching engine's property tests: generated steps become inputs, and a
 * world that follows the inputs and outcomes lets invariants judge every outcome as it comes.
 */

/** One generated input; picks choose among what exists by then, times are relative to now. */
export type Step = { elapsed: number } & (
  | {
      kind: 'offer';
      price: number;
      producer: number;
      quantity: Qty;
      minOrderQuantity: Qty;
      gradeRank: number | null;
      certificates: string[];
      fromHours: number;
      windowHours: number;
      shelfHours: number | null;
      unit: string;
    }
  | {
      kind: 'request';
      units: number;
      tradingUnit: Qty;
      maxPrice: number;
      minGradeRank: number;
      certificates: string[];
      allowPartial: boolean;
      transitHours: number;
      deliverByHours: number;
      minShelfHours: number;
      expiresHours: number;
    }
  | { kind: 'cancel' | 'close'; pick: number }
  | { kind: 'update'; pick: number; quantity: Qty | null; price: number | null }
  | { kind: 'release'; picks: number[] }
  | { kind: 'ceiling'; price: number | null }
  | { kind: 'tick' }
);

export type Order = Extract<MatchingOutcome, { kind: 'order-confirmed' }>;
type Progress = Extract<MatchingOutcome, { kind: 'request-progressed' }>;
type Release = Extract<MatchingOutcome, { kind: 'allocation-released' }>;

export interface ModelOffer {
  terms: OfferTerms;
  allocated: Qty;
  closed: boolean;
}
interface ModelRequest {
  terms: RequestTerms;
  filled: Qty;
  done: boolean;
}
interface ModelAllocation {
  offerId: string;
  quantity: Qty;
  released: boolean;
}

/** What the test knows of the book, kept from the inputs it gave and the outcomes it got. */
export class World {
  clock: Instant = T0;
  ceiling: number | null = null;
  readonly offers = new Map<string, ModelOffer>();
  readonly requests = new Map<string, ModelRequest>();
  readonly allocations = new Map<string, ModelAllocation>();

  offer(offerId: string): ModelOffer {
    const offer = this.offers.get(offerId);
    check(offer !== undefined, () => `no offer ${offerId} was ever given`);
    return offer;
  }

  request(requestId: string): ModelRequest {
    const request = this.requests.get(requestId);
    check(request !== undefined, () => `no request ${requestId} was ever given`);
    return request;
  }

  remaining(offer: ModelOffer): Qty {
    return offer.closed ? 0 : Math.max(0, offer.terms.quantity - offer.allocated);
  }
}

export interface Invariant {
  order?(world: World, order: Order): void;
  progress?(world: World, progress: Progress): void;
  release?(world: World, release: Release): void;
  settled?(world: World, book: CommodityBook): void;
}

interface Timed {
  input: MatchingInput;
  now: Instant;
}

export function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(message());
}

const chosen = <T>(items: readonly T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[index % items.length];

/** Turns a generated step into an input, resolving picks against what exists by now. */
function inputOf(step: Step, world: World): MatchingInput {
  const now = world.clock;
  const offers = [...world.offers.values()];
  switch (step.kind) {
    case 'offer': {
      const availableFrom = now + step.fromHours * HOUR;
      const offer = offerTerms({
        offerId: `offer-${world.offers.size + 1}`,
        producerId: `producer-${step.producer}`,
        unit: step.unit,
        grade: step.gradeRank === null ? 'ungraded' : `grade-${step.gradeRank}`,
        gradeRank: step.gradeRank,
        unitPriceIdr: step.price,
        quantity: step.quantity,
        minOrderQuantity: step.minOrderQuantity,
        availableFrom,
        availableUntil: availableFrom + step.windowHours * HOUR,
        bestBefore: step.shelfHours === null ? null : now + step.shelfHours * HOUR,
        certificates: step.certificates,
      });
      return { kind: 'offer-updated', offer };
    }
    case 'request':
      return {
        kind: 'request-submitted',
        request: requestTerms({
          requestId: `request-${world.requests.size + 1}`,
          quantity: step.units * step.tradingUnit,
          tradingUnit: step.tradingUnit,
          maxUnitPriceIdr: step.maxPrice,
          minGrade: `grade-${step.minGradeRank}`,
          minGradeRank: step.minGradeRank,
          transitHours: step.transitHours,
          deliverBy: now + step.deliverByHours * HOUR,
          minShelfLifeHoursOnArrival: step.minShelfHours,
          requiredCertificates: step.certificates,
          allowPartial: step.allowPartial,
          expiresAt: now + step.expiresHours * HOUR,
        }),
      };
    case 'cancel': {
      const request = chosen([...world.requests.keys()], step.pick);
      if (!request) return { kind: 'clock-ticked' };
      return { kind: 'request-cancelled', requestId: request, reason: 'buyer cancelled' };
    }
    case 'update': {
      const offer = chosen(
        offers.filter((o) => !o.closed),
        step.pick,
      );
      if (!offer) return { kind: 'clock-ticked' };
      const { quantity, unitPriceIdr } = offer.terms;
      const terms = {
        quantity: step.quantity ?? quantity,
        unitPriceIdr: step.price ?? unitPriceIdr,
      };
      return { kind: 'offer-updated', offer: { ...offer.terms, ...terms } };
    }
    case 'close': {
      const offer = chosen(offers, step.pick);
      if (!offer) return { kind: 'clock-ticked' };
      return { kind: 'offer-closed', offerId: offer.terms.offerId, reason: 'withdrawn' };
    }
    case 'release': {
      const open = [...world.allocations].filter(([, a]) => !a.released);
      const picked = new Set(step.picks.map((i) => chosen(open, i)).filter((a) => a !== undefined));
      if (picked.size === 0) return { kind: 'clock-ticked' };
      const allocations = [...picked].map(([allocationId, { offerId, quantity }]) => ({
        allocationId,
        offerId,
        quantity,
      }));
      return { kind: 'allocations-released', allocations, reason: 'order cancelled' };
    }
    case 'ceiling':
      return { kind: 'ceiling-set', unitPriceIdr: step.price, reference: 'HAP' };
    case 'tick':
      return { kind: 'clock-ticked' };
  }
}

/** What the input itself tells the world, before any outcome. */
function learnInput(world: World, input: MatchingInput): void {
  if (input.kind === 'offer-updated') {
    const known = world.offers.get(input.offer.offerId);
    if (known) known.terms = input.offer;
    else world.offers.set(input.offer.offerId, { terms: input.offer, allocated: 0, closed: false });
  } else if (input.kind === 'offer-closed') {
    const offer = world.offers.get(input.offerId);
    if (offer) offer.closed = true;
  } else if (input.kind === 'request-submitted') {
    world.requests.set(input.request.requestId, { terms: input.request, filled: 0, done: false });
  } else if (input.kind === 'ceiling-set') {
    world.ceiling = input.unitPriceIdr;
  }
}

function learnOutcome(world: World, outcome: MatchingOutcome): void {
  if (outcome.kind === 'order-confirmed') {
    const request = world.requests.get(outcome.requestId);
    for (const line of outcome.lines) {
      const offer = world.offers.get(line.offerId);
      if (offer) offer.allocated += line.quantity;
      if (request) request.filled += line.quantity;
      const { offerId, quantity } = line;
      world.allocations.set(line.allocationId, { offerId, quantity, released: false });
    }
  } else if (outcome.kind === 'request-progressed') {
    const request = world.requests.get(outcome.requestId);
    if (request && ['matched', 'cancelled', 'expired'].includes(outcome.status)) {
      request.done = true;
    }
  } else if (outcome.kind === 'allocation-released') {
    const allocation = world.allocations.get(outcome.allocationId);
    if (allocation) allocation.released = true;
    const offer = world.offers.get(outcome.offerId);
    if (offer) offer.allocated -= outcome.quantity;
  }
}

function engineWithIds(): { engine: MatchingEngine; nextId: () => string } {
  let ids = 0;
  return {
    engine: new MatchingEngine(CommodityBook.empty('EGG')),
    nextId: () => `id-${++ids}`,
  };
}

/** Runs the steps on a fresh engine, checking every invariant at every outcome and step. */
export function simulate(steps: readonly Step[], invariants: readonly Invariant[]) {
  const world = new World();
  const { engine, nextId } = engineWithIds();
  const timeline: Timed[] = [];
  const outcomes: MatchingOutcome[][] = [];
  for (const step of steps) {
    world.clock += step.elapsed;
    const input = inputOf(step, world);
    timeline.push({ input, now: world.clock });
    learnInput(world, input);
    const out = engine.apply(input, { now: world.clock, nextId });
    for (const outcome of out) {
      for (const invariant of invariants) {
        if (outcome.kind === 'order-confirmed') invariant.order?.(world, outcome);
        if (outcome.kind === 'request-progressed') invariant.progress?.(world, outcome);
        if (outcome.kind === 'allocation-released') invariant.release?.(world, outcome);
      }
      learnOutcome(world, outcome);
    }
    for (const invariant of invariants) invariant.settled?.(world, engine.book);
    outcomes.push(out);
  }
  return { timeline, outcomes, book: engine.book };
}

export function replay(timeline: readonly Timed[]) {
  const { engine, nextId } = engineWithIds();
  const outcomes = timeline.map(({ input, now }) => engine.apply(input, { now, nextId }));
  return { outcomes, book: engine.book };
}
