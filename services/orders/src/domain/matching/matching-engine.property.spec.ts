import fc from 'fast-check';
import type { RequestTerms } from './matching-inputs';
import {
  type Invariant,
  type ModelOffer,
  type Order,
  type Step,
  type World,
  check,
  replay,
  simulate,
} from './matching-model.fixtures';
import { HOUR, MatchingScenario, offered, requested } from './matching.fixtures';
import { type Qty, toQty, wholeUnits } from './quantity';

/*
 * Property tests: random input sequences for one commodity, checked after every outcome against
 * a model that follows the outcomes (matching-model.fixtures.ts). Prices come from a small set so
 * that price levels are often shared.
 */

/** Few prices, some more common, so that offers often share a price level. */
const PRICES = [25_000, 25_500, 25_500, 26_000, 26_000, 26_000, 27_000];
/** Mostly above every offer, so that most requests can be served; some below some or all. */
const MAX_PRICES = [24_500, 25_500, 26_000, 26_500, 27_000, 28_000, 28_000, 28_000];
const CEILINGS = [null, 25_000, 25_500, 26_000, 26_500, 27_000];
const CERTIFICATES = ['halal', 'nkv', 'organik'];
const TRADING_UNITS: Qty[] = [500, 1_000, 5_000, 10_000];
const RUNS = { numRuns: 500 };

const kg = (min: number, max: number) => fc.integer({ min, max }).map((n) => n * 1_000);
const often = <T>(value: T, weight: number, otherwise: fc.Arbitrary<T>) =>
  fc.oneof({ weight, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: otherwise });
/** Several inputs often share an instant; otherwise the clock moves up to 4 h. */
const elapsed = often(
  0,
  2,
  fc.integer({ min: 1, max: 240 }).map((m) => m * 60_000),
);
/** Whole kilograms, or any number of grams so that remainders are not whole trading units. */
const quantity = fc.oneof(kg(1, 400), fc.integer({ min: 1, max: 400_000 }));

const offerStep = fc.record({
  kind: fc.constant('offer' as const),
  elapsed,
  price: fc.constantFrom(...PRICES),
  producer: fc.integer({ min: 1, max: 6 }),
  quantity,
  minOrderQuantity: often(0, 2, kg(1, 150)),
  gradeRank: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 10 }),
  certificates: fc.subarray(CERTIFICATES),
  fromHours: fc.integer({ min: -48, max: 36 }),
  windowHours: fc.integer({ min: 0, max: 240 }),
  shelfHours: fc.option(fc.integer({ min: 0, max: 600 }), { freq: 4 }),
  unit: often('kg', 19, fc.constant('ekor')),
});
const requestStep = fc.record({
  kind: fc.constant('request' as const),
  elapsed,
  units: fc.integer({ min: 1, max: 120 }),
  tradingUnit: fc.constantFrom(...TRADING_UNITS),
  maxPrice: fc.constantFrom(...MAX_PRICES),
  minGradeRank: fc.integer({ min: 0, max: 3 }),
  certificates: often<string[]>([], 2, fc.subarray(CERTIFICATES, { maxLength: 2 })),
  allowPartial: fc.boolean(),
  transitHours: fc.integer({ min: 0, max: 36 }),
  deliverByHours: fc.integer({ min: 6, max: 240 }),
  minShelfHours: fc.integer({ min: 0, max: 120 }),
  expiresHours: fc.integer({ min: 1, max: 120 }),
});
const pick = fc.nat();
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: offerStep },
  { weight: 4, arbitrary: requestStep },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), elapsed, pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      elapsed,
      pick,
      quantity: fc.option(fc.oneof(kg(0, 400), quantity)),
      price: fc.option(fc.constantFrom(...PRICES)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), elapsed, pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('release' as const),
      elapsed,
      picks: fc.array(pick, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('ceiling' as const),
      elapsed,
      price: fc.constantFrom(...CEILINGS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), elapsed }) },
);
const scenario = fc.array(step, { minLength: 1, maxLength: 80, size: 'max' });

const holds = (...invariants: Invariant[]) =>
  fc.assert(
    fc.property(scenario, (steps) => {
      simulate(steps, invariants);
    }),
    RUNS,
  );

const invariants = {
  /** Allocations never exceed what an offer holds; the book's counts match the outcomes. */
  offerAccounting: {
    order(world, order) {
      for (const line of order.lines) {
        const offer = world.offers.get(line.offerId);
        check(offer !== undefined && !offer.closed, () => `${line.offerId} is not open`);
        check(
          line.quantity > 0 && offer.allocated + line.quantity <= offer.terms.quantity,
          () => `${line.offerId} over-allocated: ${offer.allocated} + ${line.quantity}`,
        );
      }
    },
    release(world, release) {
      const allocation = world.allocations.get(release.allocationId);
      const offer = world.offers.get(release.offerId);
      const expected = offer?.closed ? 0 : allocation?.quantity;
      check(release.quantity === expected, () => `released ${release.quantity} of ${expected}`);
    },
    settled(world, book) {
      const open = [...world.offers.values()].filter((offer) => !offer.closed);
      check(book.offers.size === open.length, () => `book holds ${book.offers.size} offers`);
      for (const known of open) {
        const offer = book.offers.get(known.terms.offerId);
        const id = known.terms.offerId;
        check(offer?.allocated === known.allocated, () => `${id} allocated ${offer?.allocated}`);
        const { quantity } = offer.terms;
        check(offer.remaining === Math.max(0, quantity - offer.allocated), () => `${id} remaining`);
        check(offer.allocated + offer.remaining === Math.max(quantity, offer.allocated), () => id);
      }
      const indexed = [...book.offers.values()].filter((offer) => offer.remaining > 0);
      indexed.sort((a, b) => a.terms.unitPriceIdr - b.terms.unitPriceIdr || a.seq - b.seq);
      check(
        indexed.length === book.byPrice.length && indexed.every((o, i) => book.byPrice[i] === o),
        () => 'price index out of step with the offers',
      );
    },
  },
  /** A request never gets more than it asked for, and its progress adds up its orders. */
  requestAccounting: {
    order(world, order) {
      const request = world.requests.get(order.requestId);
      check(request !== undefined && !request.done, () => `${order.requestId} is not open`);
      check(request.terms.expiresAt > world.clock, () => `${order.requestId} had expired`);
      const taken = order.lines.reduce((sum, line) => sum + line.quantity, 0);
      check(
        taken > 0 && request.filled + taken <= request.terms.quantity,
        () => `${order.requestId} overfilled: ${request.filled} + ${taken}`,
      );
    },
    progress(world, progress) {
      const request = world.requests.get(progress.requestId);
      check(request !== undefined, () => `unknown ${progress.requestId}`);
      const { filled, status } = progress;
      const asked = request.terms.quantity;
      check(filled === request.filled, () => `filled ${filled}, orders say ${request.filled}`);
      const expected = { open: filled === 0, partially_matched: filled > 0 && filled < asked };
      const live = status === 'open' || status === 'partially_matched';
      check(status !== 'matched' || filled === asked, () => `matched at ${filled} of ${asked}`);
      check(!live || expected[status], () => `${status} at ${filled} of ${asked}`);
      check(progress.open === (live ? asked - filled : 0), () => `open ${progress.open}`);
    },
    settled(world, book) {
      const live = [...world.requests.values()].filter((request) => !request.done);
      check(book.requests.size === live.length, () => `book holds ${book.requests.size} requests`);
      for (const known of live) {
        const id = known.terms.requestId;
        check(known.terms.expiresAt > world.clock, () => `${id} outlived its expiry`);
        check(book.requests.get(id)?.filled === known.filled, () => `${id} filled`);
      }
    },
  },
  /** Every line obeys the request's terms, the ceiling in force and the offer's minimum. */
  lineEligibility: {
    order(world, order) {
      const { terms: request } = world.request(order.requestId);
      for (const line of order.lines) {
        const offer = world.offer(line.offerId);
        const breaks = brokenRules(world, offer, request, line.quantity);
        check(breaks.length === 0, () => `${line.offerId} → ${request.requestId}: ${breaks}`);
      }
    },
  },
  /** A request that refuses partial fills is filled by its first order or not at all. */
  allOrNothing: {
    order(world, order) {
      const request = world.request(order.requestId);
      if (request.terms.allowPartial) return;
      const taken = order.lines.reduce((sum, line) => sum + line.quantity, 0);
      check(
        request.filled === 0 && taken === request.terms.quantity,
        () =>
          `${order.requestId} took ${taken} of ${request.terms.quantity} after ${request.filled}`,
      );
    },
  },
  /** Offers at one price share in proportion to what they held, within one trading unit. */
  proRataSharing: {
    order(world, order) {
      const request = world.request(order.requestId);
      const unit = request.terms.tradingUnit;
      let need = request.terms.quantity - request.filled;
      for (const level of priceLevels(order)) {
        const first = level[0].explanation;
        const held = level.map((line) =>
          wholeUnits(world.remaining(world.offer(line.offerId)), unit),
        );
        const taken = level.reduce((sum, line) => sum + line.quantity, 0);
        const total = first.levelAvailable;
        if (first.rule === 'pro-rata') {
          check(taken === wholeUnits(need, unit), () => `level took ${taken} of ${need}`);
          check(held.reduce((a, b) => a + b, 0) <= total, () => `level held more than ${total}`);
          level.forEach((line, i) => {
            const error = Math.abs(line.quantity * total - need * held[i]);
            check(error < unit * total, () => `${line.offerId} got ${line.quantity} of ${need}`);
          });
        } else {
          check(taken <= need, () => `whole level took ${taken} of ${need}`);
          level.forEach((line, i) => {
            check(line.quantity === held[i], () => `${line.offerId} gave ${line.quantity}`);
          });
        }
        need -= taken;
      }
    },
  },
} satisfies Record<string, Invariant>;

function priceLevels(order: Order) {
  const levels: Order['lines'][] = [];
  for (const line of order.lines) {
    const last = levels.at(-1);
    if (last && last[0].unitPriceIdr === line.unitPriceIdr) last.push(line);
    else levels.push([line]);
  }
  check(
    levels.every((level, i) => i === 0 || levels[i - 1][0].unitPriceIdr < level[0].unitPriceIdr),
    () => 'price levels out of order',
  );
  return levels;
}

/** The rules an allocation of `quantity` from `offer` to `request` breaks right now. */
function brokenRules(world: World, offer: ModelOffer, request: RequestTerms, quantity: Qty) {
  const terms = offer.terms;
  const departure = Math.max(world.clock, terms.availableFrom);
  const arrival = departure + request.transitHours * HOUR;
  const rules: [string, boolean][] = [
    ['unit', terms.unit === request.unit],
    ['max price', terms.unitPriceIdr <= request.maxUnitPriceIdr],
    ['ceiling', world.ceiling === null || terms.unitPriceIdr <= world.ceiling],
    ['grade', terms.gradeRank !== null && terms.gradeRank <= request.minGradeRank],
    ['certificates', request.requiredCertificates.every((c) => terms.certificates.includes(c))],
    ['window', departure <= terms.availableUntil],
    ['deliver-by', arrival <= request.deliverBy],
    [
      'shelf life',
      terms.bestBefore === null ||
        terms.bestBefore - arrival >= request.minShelfLifeHoursOnArrival * HOUR,
    ],
    ['trading unit', quantity % request.tradingUnit === 0],
    ['minimum order', quantity >= terms.minOrderQuantity || quantity === world.remaining(offer)],
  ];
  return rules.filter(([, kept]) => !kept).map(([rule]) => rule);
}

describe('matching engine properties', () => {
  it('never allocates more than an offer holds, and the book agrees with its outcomes', () => {
    holds(invariants.offerAccounting);
  });

  it('never fills a request beyond its quantity, and progress adds up its orders', () => {
    holds(invariants.requestAccounting);
  });

  it('allocates only within price, ceiling, grade, certificates, timing, shelf life and minimums', () => {
    holds(invariants.lineEligibility);
  });

  it('fills a request that refuses partial fills completely with its first order', () => {
    holds(invariants.allOrNothing);
  });

  it('shares a price level among its offers in proportion to what they held', () => {
    holds(invariants.proRataSharing);
  });

  it('gives the same outcomes and book when the same inputs are replayed on fresh engines', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const first = simulate(steps, []);
        const second = replay(first.timeline);
        const third = replay(first.timeline);
        expect(second.outcomes).toEqual(first.outcomes);
        expect(third.outcomes).toEqual(second.outcomes);
        expect([...third.book.offers.values()]).toEqual([...first.book.offers.values()]);
        expect([...third.book.requests.values()]).toEqual([...first.book.requests.values()]);
      }),
      RUNS,
    );
  });
});

describe('matching engine, cases found by the properties', () => {
  it('given an offer drawn below its minimum order, then a waiting request too small for it takes the rest', () => {
    const scenario = new MatchingScenario().given(
      offered({ offerId: 'bulk', quantity: toQty(150), minOrderQuantity: toQty(100) }),
      requested({ requestId: 'small', quantity: toQty(50) }),
    );

    const outcomes = scenario.when(requested({ requestId: 'large', quantity: toQty(100) }));

    const taken = outcomes.flatMap((o) =>
      o.kind === 'order-confirmed' ? [[o.requestId, o.lines[0].quantity]] : [],
    );
    expect(taken).toEqual([
      ['large', toQty(100)],
      ['small', toQty(50)],
    ]);
  });
});
