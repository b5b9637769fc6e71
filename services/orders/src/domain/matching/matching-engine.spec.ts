import { MatchingScenario, DAY, T0, offered, requested } from './matching.fixtures';
import type { MatchingOutcome } from './matching-outcomes';
import { toQty } from './quantity';
import { describeAllocation } from './fill-plan';

type Order = Extract<MatchingOutcome, { kind: 'order-confirmed' }>;
type Progress = Extract<MatchingOutcome, { kind: 'request-progressed' }>;

const orders = (outcomes: MatchingOutcome[]) =>
  outcomes.filter((o): o is Order => o.kind === 'order-confirmed');
const progress = (outcomes: MatchingOutcome[]) =>
  outcomes.filter((o): o is Progress => o.kind === 'request-progressed');
const taken = (order: Order) =>
  Object.fromEntries(order.lines.map((line) => [line.offerId, line.quantity / 1000]));

describe('matching engine', () => {
  it('given one offer, when a request fits it, then one order takes the requested quantity', () => {
    const scenario = new MatchingScenario().given(offered({ offerId: 'o1' }));

    const outcomes = scenario.when(requested({ requestId: 'r1', quantity: toQty(400) }));

    const [order] = orders(outcomes);
    expect(taken(order)).toEqual({ o1: 400 });
    expect(order.lines[0].unitPriceIdr).toBe(26_000);
    expect(progress(outcomes)).toMatchObject([{ status: 'matched', filled: toQty(400), open: 0 }]);
    expect(scenario.engine.book.offers.get('o1')).toMatchObject({
      allocated: toQty(400),
      remaining: toQty(600),
    });
  });

  it('given offers at two prices, when a request comes, then the cheaper one is taken first', () => {
    const scenario = new MatchingScenario().given(
      offered({ offerId: 'dear', unitPriceIdr: 27_000 }),
      offered({ offerId: 'cheap', unitPriceIdr: 25_500, quantity: toQty(300) }),
    );

    const [order] = orders(scenario.when(requested({ requestId: 'r1', quantity: toQty(500) })));

    expect(taken(order)).toEqual({ cheap: 300, dear: 200 });
    expect(order.lines.map((l) => l.explanation.priceRank)).toEqual([1, 2]);
  });

  it('given three producers at one price, then they share pro rata, not first come first served', () => {
    const scenario = new MatchingScenario().given(
      offered({ offerId: 'big', quantity: toQty(600) }),
      offered({ offerId: 'mid', quantity: toQty(300) }),
      offered({ offerId: 'small', quantity: toQty(100) }),
    );

    const [order] = orders(scenario.when(requested({ requestId: 'r1', quantity: toQty(500) })));

    expect(taken(order)).toEqual({ big: 300, mid: 150, small: 50 });
    expect(order.lines[0].explanation).toMatchObject({ rule: 'pro-rata', levelOffers: 3 });
    expect(describeAllocation(order.lines[0].explanation, order.lines[0].quantity, 'kg')).toBe(
      'price rank 1 at 26,000 IDR/kg (max 28,000, no ceiling); shared pro rata among 3 offers holding 1,000 kg; took 300 kg',
    );
  });

  it('given a ceiling below the offer price, then nothing is allocated and the reason names the ceiling', () => {
    const scenario = new MatchingScenario().given(
      offered({ offerId: 'o1', unitPriceIdr: 31_000 }),
      { kind: 'ceiling-set', unitPriceIdr: 30_000, reference: 'HAP egg consumer level' },
    );

    const outcomes = scenario.when(requested({ requestId: 'r1', maxUnitPriceIdr: 32_000 }));

    expect(orders(outcomes)).toEqual([]);
    expect(progress(outcomes)[0].unfilledReasons).toEqual([
      { code: 'PRICE_ABOVE_CEILING', message: 'no offer within ceiling 30,000', offers: 1 },
    ]);
  });

  it('given a waiting request, when the ceiling rises, then it is served', () => {
    const scenario = new MatchingScenario().given(
      { kind: 'ceiling-set', unitPriceIdr: 30_000, reference: 'HAP' },
      offered({ offerId: 'o1', unitPriceIdr: 31_000 }),
      requested({ requestId: 'r1', maxUnitPriceIdr: 32_000 }),
    );

    const outcomes = scenario.when({ kind: 'ceiling-set', unitPriceIdr: 32_000, reference: 'HAP' });

    expect(taken(orders(outcomes)[0])).toEqual({ o1: 500 });
    expect(orders(outcomes)[0].lines[0].explanation.ceilingIdr).toBe(32_000);
  });

  it('given an offer too late for the deliver-by date, then the reason says when it would arrive', () => {
    const scenario = new MatchingScenario().given(
      offered({ offerId: 'o1', availableFrom: T0 + 2 * DAY }),
    );

    const outcomes = scenario.when(requested({ requestId: 'r1', deliverBy: T0 + 2 * DAY }));

    expect(progress(outcomes)[0]).toMatchObject({ status: 'open', filled: 0 });
    expect(progress(outcomes)[0].unfilledReasons[0].code).toBe('ARRIVES_AFTER_DELIVER_BY');
    expect(progress(outcomes)[0].unfilledReasons[0].message).toContain(
      'earliest arrival 2026-09-03T18:00:00.000Z is after deliver-by',
    );
  });

  it('given a producer without NKV, when Dharma Jaya needs halal and NKV, then it is not allocated', () => {
    const scenario = new MatchingScenario('BEEF').given(
      offered({ offerId: 'halal-only', commodityCode: 'BEEF', certificates: ['halal'] }),
      offered({
        offerId: 'both',
        commodityCode: 'BEEF',
        certificates: ['halal', 'nkv'],
        quantity: toQty(200),
      }),
    );

    const outcomes = scenario.when(
      requested({ requestId: 'r1', commodityCode: 'BEEF', requiredCertificates: ['halal', 'nkv'] }),
    );

    expect(taken(orders(outcomes)[0])).toEqual({ both: 200 });
    expect(progress(outcomes)[0]).toMatchObject({ status: 'partially_matched', open: toQty(300) });
  });

  it('given too little supply, when partial fills are refused, then nothing is taken and the request waits', () => {
    const scenario = new MatchingScenario().given(offered({ offerId: 'o1', quantity: toQty(200) }));

    const outcomes = scenario.when(requested({ requestId: 'r1', allowPartial: false }));
    expect(orders(outcomes)).toEqual([]);
    expect(progress(outcomes)[0].unfilledReasons[0].code).toBe('PARTIAL_NOT_ACCEPTED');

    const later = scenario.when(
      offered({ offerId: 'o2', quantity: toQty(400), unitPriceIdr: 26_500 }),
    );
    expect(taken(orders(later)[0])).toEqual({ o1: 200, o2: 300 });
  });

  it('given waiting requests, when an offer arrives, then they are served in arrival order', () => {
    const scenario = new MatchingScenario().given(
      requested({ requestId: 'first', quantity: toQty(300) }),
      requested({ requestId: 'second', quantity: toQty(300) }),
    );

    const outcomes = scenario.when(offered({ offerId: 'o1', quantity: toQty(400) }));

    expect(orders(outcomes).map((o) => [o.requestId, taken(o)])).toEqual([
      ['first', { o1: 300 }],
      ['second', { o1: 100 }],
    ]);
  });

  it('given an order, when its allocations are released, then the offer holds the quantity again', () => {
    const scenario = new MatchingScenario().given(offered({ offerId: 'o1' }));
    const [order] = orders(scenario.when(requested({ requestId: 'r1', quantity: toQty(400) })));

    const outcomes = scenario.when({
      kind: 'allocations-released',
      allocations: order.lines.map(({ allocationId, offerId, quantity }) => ({
        allocationId,
        offerId,
        quantity,
      })),
      reason: 'order cancelled by the buyer',
    });

    expect(outcomes).toEqual([
      {
        kind: 'allocation-released',
        allocationId: order.lines[0].allocationId,
        offerId: 'o1',
        quantity: toQty(400),
        reason: 'order cancelled by the buyer',
      },
    ]);
    expect(scenario.engine.book.offers.get('o1')).toMatchObject({
      allocated: 0,
      remaining: toQty(1_000),
    });
  });

  it('given an open request, when its expiry passes, then the next input expires it', () => {
    const scenario = new MatchingScenario().given(
      requested({ requestId: 'r1', expiresAt: T0 + DAY }),
    );

    const outcomes = scenario.when({ kind: 'clock-ticked' }, T0 + DAY);

    expect(progress(outcomes)).toMatchObject([{ requestId: 'r1', status: 'expired', open: 0 }]);
    expect(
      scenario.when({ kind: 'request-cancelled', requestId: 'r1', reason: 'x' }, T0 + DAY),
    ).toEqual([{ kind: 'input-ignored', reason: 'request r1 is not open' }]);
  });

  it('given a minimum order above what is still needed, then that offer is passed over', () => {
    const scenario = new MatchingScenario().given(
      offered({ offerId: 'wholesale', minOrderQuantity: toQty(800) }),
      offered({ offerId: 'retail', unitPriceIdr: 26_500 }),
    );

    const [order] = orders(scenario.when(requested({ requestId: 'r1', quantity: toQty(100) })));

    expect(taken(order)).toEqual({ retail: 100 });
  });
});
