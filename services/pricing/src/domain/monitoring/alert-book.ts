import {
  type AlertCondition,
  type AlertRule,
  type AlertTransition,
  type Instant,
  type OpenAlert,
  RISE_TIERS,
  type RiseTier,
  type SeriesKey,
} from './pricing-types';

/*
 * One open alert per (rule, series). Comparing what holds now with what is open yields only
 * transitions: a condition that keeps its tier is no event, whatever its value does, so a
 * steady high price raises one alert, not one a day.
 */

export const ALERT_RULES: readonly AlertRule[] = [
  'ABOVE_REFERENCE',
  'BELOW_PRODUCER_HAP',
  'PRICE_RISE',
  'VOLATILITY',
];

export function sameSeries(a: SeriesKey, b: SeriesKey): boolean {
  return a.commodityCode === b.commodityCode && a.level === b.level && a.region === b.region;
}

/** Position of a tier; rules without tiers have one level (-1), so they never change tier. */
function rank(tier: RiseTier | null): number {
  return tier === null ? -1 : RISE_TIERS.indexOf(tier);
}

function describe(key: SeriesKey): string {
  return `${key.commodityCode} ${key.level} price in ${key.region}`;
}

function raised(condition: AlertCondition, now: Instant, alertId: string): AlertTransition {
  const { rule, key, tier, value } = condition;
  const alert: OpenAlert = { alertId, rule, key, tier, value, raisedAt: now };
  return { kind: 'raised', alert, message: condition.message };
}

function resolved(open: OpenAlert): AlertTransition {
  const message = `${describe(open.key)}: ${open.rule} alert resolved, the condition no longer holds`;
  return { kind: 'resolved', alert: open, message };
}

/** A change of tier keeps the alert's id and raisedAt; the value follows the condition. */
function retiered(open: OpenAlert, condition: AlertCondition): AlertTransition | null {
  const from = open.tier;
  const step = rank(condition.tier) - rank(from);
  if (step === 0 || from === null || condition.tier === null) return null;
  const alert: OpenAlert = { ...open, tier: condition.tier, value: condition.value };
  const kind = step > 0 ? 'escalated' : 'de-escalated';
  const message = `${condition.message}, ${step > 0 ? 'up' : 'down'} from ${from}`;
  return { kind, alert, from, message };
}

function conditionsByRule(conditions: readonly AlertCondition[], key: SeriesKey) {
  const byRule = new Map<AlertRule, AlertCondition>();
  for (const condition of conditions.filter((c) => sameSeries(c.key, key))) {
    if (byRule.has(condition.rule)) {
      throw new RangeError(`two ${condition.rule} conditions for ${describe(key)}`);
    }
    byRule.set(condition.rule, condition);
  }
  return byRule;
}

function transitionFor(
  alert: OpenAlert | undefined,
  condition: AlertCondition | undefined,
  now: Instant,
  nextId: () => string,
): AlertTransition | null {
  if (alert === undefined) return condition ? raised(condition, now, nextId()) : null;
  return condition ? retiered(alert, condition) : resolved(alert);
}

/**
 * The transitions that bring the open alerts of series `key` in line with `conditions`, ordered
 * by rule name. `open` and `conditions` may hold other series; they are ignored. `nextId` is
 * called once per raised alert, in that order.
 */
export function reconcile(
  open: readonly OpenAlert[],
  conditions: readonly AlertCondition[],
  key: SeriesKey,
  now: Instant,
  nextId: () => string,
): AlertTransition[] {
  const holding = conditionsByRule(conditions, key);
  return ALERT_RULES.map((rule) => {
    const alert = open.find((a) => a.rule === rule && sameSeries(a.key, key));
    return transitionFor(alert, holding.get(rule), now, nextId);
  }).filter((t): t is AlertTransition => t !== null);
}

/** The open alerts after `transitions`: raised ones added, re-tiered ones replaced, resolved removed. */
export function applyTransitions(
  open: readonly OpenAlert[],
  transitions: readonly AlertTransition[],
): OpenAlert[] {
  return transitions.reduce<OpenAlert[]>(
    (alerts, t) => {
      if (t.kind === 'raised') return [...alerts, t.alert];
      if (t.kind === 'resolved') return alerts.filter((a) => a.alertId !== t.alert.alertId);
      return alerts.map((a) => (a.alertId === t.alert.alertId ? t.alert : a));
    },
    [...open],
  );
}
