import type { DispatchPlan, PlannedLoad, PlanningInput } from '../domain/dispatch/dispatch-types';

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function timingLine(millis: number[], lines: number): string {
  const sorted = [...millis].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  const cells = [
    `median ${median.toFixed(1)} ms`,
    `p95 ${percentile(sorted, 0.95).toFixed(1)} ms`,
    `min ${sorted[0].toFixed(1)} ms`,
    `max ${sorted[sorted.length - 1].toFixed(1)} ms`,
  ];
  return `planning time over ${millis.length} runs: ${cells.join(', ')} (${thousands(lines / (median / 1_000))} lines/s)`;
}

export function outcomeLines(input: PlanningInput, plan: DispatchPlan): string[] {
  const planned = plan.loads.reduce((n, load) => n + load.lines.length, 0);
  const byReason = new Map<string, number>();
  for (const { reason } of plan.unplannable) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  const reasons = [...byReason].sort(([a], [b]) => (a < b ? -1 : 1));
  const tonnes = (kg: number) => `${(kg / 1_000).toFixed(1)} t`;
  const plannedKg = plan.loads.reduce((kg, load) => kg + load.weightKg, 0);
  const inputKg = input.lines.reduce((kg, line) => kg + line.weightKg, 0);
  return [
    `lines: ${thousands(input.lines.length)} (${tonnes(inputKg)}); planned ${thousands(planned)} (${tonnes(plannedKg)}) on ${plan.loads.length} loads; unplannable ${plan.unplannable.length}`,
    ...reasons.map(([reason, count]) => `  ${reason.padEnd(28)} ${String(count).padStart(5)}`),
  ];
}

interface FillGroup {
  loads: number;
  weightFill: number;
  volumeFill: number;
  binding: number;
  kg: number;
  capacityKg: number;
  m3: number;
  capacityM3: number;
}

/** The vehicle type (or RAIL) and full capacity of the carrier a load is on. */
export type CarrierOf = (load: PlannedLoad) => { type: string; kg: number; m3: number };

function fillGroups(plan: DispatchPlan, carrierOf: CarrierOf) {
  const groups = new Map<string, FillGroup>();
  const add = (key: string, load: PlannedLoad) => {
    const g = groups.get(key) ?? {
      loads: 0,
      weightFill: 0,
      volumeFill: 0,
      binding: 0,
      kg: 0,
      capacityKg: 0,
      m3: 0,
      capacityM3: 0,
    };
    g.loads += 1;
    g.weightFill += load.weightFill;
    g.volumeFill += load.volumeFill;
    g.binding += Math.max(load.weightFill, load.volumeFill);
    g.kg += load.weightKg;
    g.capacityKg += carrierOf(load).kg;
    g.m3 += load.volumeM3;
    g.capacityM3 += carrierOf(load).m3;
    groups.set(key, g);
  };
  for (const load of plan.loads) {
    add(carrierOf(load).type, load);
    add('all loads', load);
  }
  return groups;
}

/**
 * Fill by weight and by volume: the mean over loads, the capacity-weighted figure (load kg over
 * vehicle kg, summed), and the mean of the binding one of the two (what limits a load).
 */
export function fillLines(plan: DispatchPlan, carrierOf: CarrierOf): string[] {
  const header = `${'vehicle type'.padEnd(12)} loads  weight mean  weighted  volume mean  weighted  binding mean`;
  const rows = [...fillGroups(plan, carrierOf)]
    .sort(([a], [b]) => (a === 'all loads' ? 1 : b === 'all loads' ? -1 : a < b ? -1 : 1))
    .map(([type, g]) =>
      [
        type.padEnd(12),
        String(g.loads).padStart(5),
        percent(g.weightFill / g.loads).padStart(12),
        percent(g.kg / g.capacityKg).padStart(9),
        percent(g.volumeFill / g.loads).padStart(12),
        percent(g.m3 / g.capacityM3).padStart(9),
        percent(g.binding / g.loads).padStart(13),
      ].join(' '),
    );
  return [header, ...rows];
}
