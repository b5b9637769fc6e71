import { applyTransitions, reconcile } from './alert-book';
import { conditionsOf } from './alert-rules';
import { addObservation } from './daily-aggregates';
import { CHILI_JAKARTA, EGG_JAKARTA, observation, on, reference } from './monitoring.fixtures';
import type {
  AlertCondition,
  AlertRule,
  AlertTransition,
  DailyAggregate,
  OpenAlert,
  RiseTier,
} from './pricing-types';
import { computeStatistics } from './series-statistics';

const NOW = on(0, 12);

function condition(rule: AlertRule, tier: RiseTier | null, value = 10): AlertCondition {
  return { rule, key: CHILI_JAKARTA, tier, value, message: `${rule} ${tier ?? ''} ${value}` };
}

function openAlert(rule: AlertRule, tier: RiseTier | null, alertId = `a-${rule}`): OpenAlert {
  return { alertId, rule, key: CHILI_JAKARTA, tier, value: 9, raisedAt: on(-3) };
}

function ids() {
  let n = 0;
  return () => `alert-${++n}`;
}

const summary = (ts: AlertTransition[]) =>
  ts.map((t) => [t.kind, t.alert.rule, t.alert.tier, 'from' in t ? t.from : undefined]);

describe('reconcile', () => {
  it('given a condition and no open alert, then an alert is raised now with a new id', () => {
    const [t] = reconcile([], [condition('PRICE_RISE', 'waspada', 9.1)], CHILI_JAKARTA, NOW, ids());
    expect(t).toEqual({
      kind: 'raised',
      alert: {
        alertId: 'alert-1',
        rule: 'PRICE_RISE',
        key: CHILI_JAKARTA,
        tier: 'waspada',
        value: 9.1,
        raisedAt: NOW,
      },
      message: 'PRICE_RISE waspada 9.1',
    });
  });

  it('given an open alert and a higher tier, then it escalates and keeps its id and raisedAt', () => {
    const open = openAlert('PRICE_RISE', 'waspada');
    const [t] = reconcile(
      [open],
      [condition('PRICE_RISE', 'kritis', 25)],
      CHILI_JAKARTA,
      NOW,
      ids(),
    );
    expect(t).toEqual({
      kind: 'escalated',
      from: 'waspada',
      alert: { ...open, tier: 'kritis', value: 25 },
      message: 'PRICE_RISE kritis 25, up from waspada',
    });
  });

  it('given an open alert and a lower tier still rising, then it de-escalates', () => {
    const open = openAlert('PRICE_RISE', 'siaga');
    const ts = reconcile([open], [condition('PRICE_RISE', 'rising', 6)], CHILI_JAKARTA, NOW, ids());
    expect(summary(ts)).toEqual([['de-escalated', 'PRICE_RISE', 'rising', 'siaga']]);
  });

  it('given an open alert and no condition, then it is resolved', () => {
    const open = openAlert('VOLATILITY', null);
    const ts = reconcile([open], [], CHILI_JAKARTA, NOW, ids());
    expect(ts).toEqual([
      {
        kind: 'resolved',
        alert: open,
        message:
          'CHILI_RED_CURLY consumer price in jakarta: VOLATILITY alert resolved, the condition no longer holds',
      },
    ]);
  });

  it('given the same tier with another value, then nothing happens', () => {
    const open = [openAlert('PRICE_RISE', 'siaga'), openAlert('ABOVE_REFERENCE', null)];
    const now = [condition('PRICE_RISE', 'siaga', 19.9), condition('ABOVE_REFERENCE', null, 40)];
    expect(reconcile(open, now, CHILI_JAKARTA, NOW, ids())).toEqual([]);
  });

  it('given several changes, then transitions come in rule-name order and ids in that order', () => {
    const open = [openAlert('VOLATILITY', null), openAlert('ABOVE_REFERENCE', null)];
    const now = [condition('PRICE_RISE', 'rising'), condition('BELOW_PRODUCER_HAP', null)];
    const ts = reconcile(open, now, CHILI_JAKARTA, NOW, ids());
    expect(ts.map((t) => [t.kind, t.alert.rule, t.alert.alertId])).toEqual([
      ['resolved', 'ABOVE_REFERENCE', 'a-ABOVE_REFERENCE'],
      ['raised', 'BELOW_PRODUCER_HAP', 'alert-1'],
      ['raised', 'PRICE_RISE', 'alert-2'],
      ['resolved', 'VOLATILITY', 'a-VOLATILITY'],
    ]);
  });

  it('given alerts and conditions of other series, then they are left alone', () => {
    const eggAlert = { ...openAlert('PRICE_RISE', 'rising'), key: EGG_JAKARTA };
    const eggCondition = { ...condition('VOLATILITY', null), key: EGG_JAKARTA };
    expect(reconcile([eggAlert], [eggCondition], CHILI_JAKARTA, NOW, ids())).toEqual([]);
  });

  it('given two conditions of one rule for one series, then the input is refused', () => {
    const twice = [condition('PRICE_RISE', 'rising'), condition('PRICE_RISE', 'kritis')];
    expect(() => reconcile([], twice, CHILI_JAKARTA, NOW, ids())).toThrow(RangeError);
  });
});

describe('applyTransitions', () => {
  it('given transitions, then raised alerts are added, re-tiered replaced and resolved removed', () => {
    const rise = openAlert('PRICE_RISE', 'rising');
    const volatility = openAlert('VOLATILITY', null);
    const egg = { ...openAlert('PRICE_RISE', 'kritis', 'egg-1'), key: EGG_JAKARTA };
    const now = [condition('ABOVE_REFERENCE', null), condition('PRICE_RISE', 'siaga', 13)];
    const ts = reconcile([rise, volatility, egg], now, CHILI_JAKARTA, NOW, ids());
    expect(applyTransitions([rise, volatility, egg], ts)).toEqual([
      { ...rise, tier: 'siaga', value: 13 },
      egg,
      {
        alertId: 'alert-1',
        rule: 'ABOVE_REFERENCE',
        key: CHILI_JAKARTA,
        tier: null,
        value: 10,
        raisedAt: NOW,
      },
    ]);
  });
});

/** Feeds one price a day, as of that day, through statistics, rules and the book. */
function feed(prices: readonly number[]): AlertTransition[][] {
  const nextId = ids();
  const days = new Map<number, DailyAggregate>();
  let open: OpenAlert[] = [];
  return prices.map((price, day) => {
    const obs = observation(CHILI_JAKARTA, on(day), price);
    const aggregate = addObservation(days.get(on(day, 0)), obs);
    days.set(aggregate.day, aggregate);
    const stats = computeStatistics(CHILI_JAKARTA, [...days.values()], on(day, 18), reference());
    const ts = reconcile(open, conditionsOf(stats), CHILI_JAKARTA, on(day, 18), nextId);
    open = applyTransitions(open, ts);
    return ts;
  });
}

describe('a run of rising chili prices in Jakarta', () => {
  // Fourteen quiet days at 40,000, then each day against the mean of the 7 days before:
  // 42,400 / 40,000 = +6.00% rising; 44,000 / 40,342.86 = +9.07% waspada;
  // 47,000 / 40,914.29 = +14.87% siaga; 52,000 / 41,914.29 = +24.06% kritis.
  const QUIET = Array<number>(14).fill(40_000);
  const RUN = [42_400, 44_000, 47_000, 52_000];

  it('given the run then a fall back to 40,000, then one alert escalates through the tiers and resolves', () => {
    // 40,000 / 43,628.57 = -8.3%: no rise; the CV of the 30 days stays under 9% throughout.
    const perDay = feed([...QUIET, ...RUN, ...Array<number>(10).fill(40_000)]);
    const events = perDay.flat();
    expect(summary(events)).toEqual([
      ['raised', 'PRICE_RISE', 'rising', undefined],
      ['escalated', 'PRICE_RISE', 'waspada', 'rising'],
      ['escalated', 'PRICE_RISE', 'siaga', 'waspada'],
      ['escalated', 'PRICE_RISE', 'kritis', 'siaga'],
      ['resolved', 'PRICE_RISE', 'kritis', undefined],
    ]);
    expect(perDay.slice(14, 19).map((ts) => ts.length)).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(events.map((t) => t.alert.alertId))).toEqual(new Set(['alert-1']));
    expect(events[3]?.message).toBe(
      'CHILI_RED_CURLY consumer price in jakarta rose 24.06% against the previous 7 days (kritis), up from siaga',
    );
  });

  it('given the run then a plateau at 52,000, then the tiers step down one by one and it resolves', () => {
    // Plateau days against the week before: 19.19% and 14.68% siaga, 10.50% waspada, 6.62%
    // rising, then 3.70%. The new level lifts the 30-day CV to 9.23% on the first plateau day:
    // a volatility alert of its own, raised once and kept.
    const perDay = feed([...QUIET, ...RUN, ...Array<number>(10).fill(52_000)]);
    expect(summary(perDay.flat())).toEqual([
      ['raised', 'PRICE_RISE', 'rising', undefined],
      ['escalated', 'PRICE_RISE', 'waspada', 'rising'],
      ['escalated', 'PRICE_RISE', 'siaga', 'waspada'],
      ['escalated', 'PRICE_RISE', 'kritis', 'siaga'],
      ['de-escalated', 'PRICE_RISE', 'siaga', 'kritis'],
      ['raised', 'VOLATILITY', null, undefined],
      ['de-escalated', 'PRICE_RISE', 'waspada', 'siaga'],
      ['de-escalated', 'PRICE_RISE', 'rising', 'waspada'],
      ['resolved', 'PRICE_RISE', 'rising', undefined],
    ]);
    expect(perDay.map((ts) => ts.length).slice(14)).toEqual([
      1, 1, 1, 1, 2, 0, 1, 1, 1, 0, 0, 0, 0, 0,
    ]);
  });
});
