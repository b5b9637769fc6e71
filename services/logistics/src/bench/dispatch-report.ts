import type { DispatchPlan, PlannedLoad, PlanningInput } from '../domain/dispatch/dispatch-types';

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Planning times in milliseconds: median, p95, min, max and the lines planned per second. */
export function timingFigures(millis: number[], lines: number) {
  const sorted = [...millis].sort((a, b) => a - b);
  const medianMs = percentile(sorted, 0.5);
  return {
    medianMs,
    p95Ms: percentile(sorted, 0.95),
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
    linesPerSecond: lines / (medianMs / 1_000),
  };
}

export function timingLine(millis: number[], lines: number): string {
  const t = timingFigures(millis, lines);
  const cells = [
    `median ${t.medianMs.toFixed(1)} ms`,
    `p95 ${t.p95Ms.toFixed(1)} ms`,
    `min ${t.minMs.toFixed(1)} ms`,
    `max ${t.maxMs.toFixed(1)} ms`,
  ];
  return `planning time over ${millis.length} runs: ${cells.join(', ')} (${thousands(t.linesPerSecond)} lines/s)`;
}

/** What became of the day's lines: planned (with weight), loads, and unplannable by reason. */
export function outcomeFigures(input: PlanningInput, plan: DispatchPlan) {
  const byReason = new Map<string, number>();
  for (const { reason } of plan.unplannable) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  return {
    lines: input.lines.length,
    inputKg: input.lines.reduce((kg, line) => kg + line.weightKg, 0),
    plannedLines: plan.loads.reduce((n, load) => n + load.lines.length, 0),
    plannedKg: plan.loads.reduce((kg, load) => kg + load.weightKg, 0),
    loads: plan.loads.length,
    unplannable: plan.unplannable.length,
    unplannableByReason: [...byReason].sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

export function outcomeLines(input: PlanningInput, plan: DispatchPlan): string[] {
  const o = outcomeFigures(input, plan);
  const tonnes = (kg: number) => `${(kg / 1_000).toFixed(1)} t`;
  return [
    `lines: ${thousands(o.lines)} (${tonnes(o.inputKg)}); planned ${thousands(o.plannedLines)} (${tonnes(o.plannedKg)}) on ${o.loads} loads; unplannable ${o.unplannable}`,
    ...o.unplannableByReason.map(
      ([reason, count]) => `  ${reason.padEnd(28)} ${String(count).padStart(5)}`,
    ),
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

/** Fill rates per vehicle type (and "all loads"), all loads last. */
export function fillFigures(plan: DispatchPlan, carrierOf: CarrierOf) {
  return [...fillGroups(plan, carrierOf)]
    .sort(([a], [b]) => (a === 'all loads' ? 1 : b === 'all loads' ? -1 : a < b ? -1 : 1))
    .map(([type, g]) => ({
      type,
      loads: g.loads,
      weightFillMean: g.weightFill / g.loads,
      weightFillWeighted: g.kg / g.capacityKg,
      volumeFillMean: g.volumeFill / g.loads,
      volumeFillWeighted: g.m3 / g.capacityM3,
      bindingFillMean: g.binding / g.loads,
    }));
}

/**
 * Fill by weight and by volume: the mean over loads, the capacity-weighted figure (load kg over
 * vehicle kg, summed), and the mean of the binding one of the two (what limits a load).
 */
export function fillLines(plan: DispatchPlan, carrierOf: CarrierOf): string[] {
  const header = `${'vehicle type'.padEnd(12)} loads  weight mean  weighted  volume mean  weighted  binding mean`;
  const rows = fillFigures(plan, carrierOf).map((f) =>
    [
      f.type.padEnd(12),
      String(f.loads).padStart(5),
      percent(f.weightFillMean).padStart(12),
      percent(f.weightFillWeighted).padStart(9),
      percent(f.volumeFillMean).padStart(12),
      percent(f.volumeFillWeighted).padStart(9),
      percent(f.bindingFillMean).padStart(13),
    ].join(' '),
  );
  return [header, ...rows];
}
