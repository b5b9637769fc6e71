import { HOUR_MS } from './dispatch-format';
import type { DispatchPlan, Instant, LineToShip, PlannedLoad } from './dispatch-types';
import { shelfLifeLimit } from './line-feasibility';

/**
 * When to keep a thin load at BTC for more cargo: below `minFill` (the higher of weight and
 * volume fill), as long as every line on it could still leave `horizonHours` from now and
 * arrive in time. `minFill: 0` sends every load at once.
 */
export interface HoldPolicy {
  minFill: number;
  horizonHours: number;
}

export interface HeldPlan extends DispatchPlan {
  /** Lines of thin loads kept back: neither planned nor unplannable; the next round sees them. */
  held: LineToShip[];
}

/** The latest this line may leave on this load's route and still arrive in time and condition. */
export function latestDeparture(line: LineToShip, load: PlannedLoad): Instant {
  const transit = load.eta - load.departsAt;
  return Math.min(line.deliverBy, shelfLifeLimit(line)) - transit;
}

export function holdThinLoads(plan: DispatchPlan, now: Instant, policy: HoldPolicy): HeldPlan {
  const loads: PlannedLoad[] = [];
  const held: LineToShip[] = [];
  const mustLeaveBy = now + policy.horizonHours * HOUR_MS;
  for (const load of plan.loads) {
    const fill = Math.max(load.weightFill, load.volumeFill);
    const urgent = load.lines.some((line) => latestDeparture(line, load) <= mustLeaveBy);
    if (fill < policy.minFill && !urgent) held.push(...load.lines);
    else loads.push(load);
  }
  return { loads, unplannable: plan.unplannable, held };
}
