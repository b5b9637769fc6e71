import { roundTo, writeBenchResult, parseBenchOptions } from '@simpul/platform';
import { planDispatch } from '../domain/dispatch/plan-dispatch';
import type { DispatchPlan, PlannedLoad, PlanningInput } from '../domain/dispatch/dispatch-types';
import { dispatchDay } from './dispatch-workload';
import {
  type CarrierOf,
  fillFigures,
  fillLines,
  outcomeFigures,
  outcomeLines,
  timingFigures,
  timingLine,
} from './dispatch-report';

/*
 * In-process benchmark of the dispatch planner: one seeded day of order lines over the seeded
 * Blitar fleet, planned `runs` times after `warmup` unmeasured runs. Input generation is outside
 * the timings; each run plans the same input, so every run yields the same plan.
 */

interface Options {
  lines: number;
  runs: number;
  warmup: number;
  seed: number;
}

/** Options by argv or environment (see parseBenchOptions). */
function parseOptions(): Options {
  return parseBenchOptions({ lines: 2000, runs: 30, warmup: 10, seed: 20260901 });
}

interface Measured {
  options: Options;
  input: PlanningInput;
  plan: DispatchPlan;
  millis: number[];
  carrierOf: CarrierOf;
}

function figures({ options, input, plan, millis, carrierOf }: Measured) {
  const percentOf = (fraction: number) => roundTo(fraction * 100, 1);
  const t = timingFigures(millis, options.lines);
  const o = outcomeFigures(input, plan);
  return {
    medianMs: roundTo(t.medianMs, 2),
    p95Ms: roundTo(t.p95Ms, 2),
    minMs: roundTo(t.minMs, 2),
    maxMs: roundTo(t.maxMs, 2),
    linesPerSecond: Math.round(t.linesPerSecond),
    lines: o.lines,
    inputTonnes: roundTo(o.inputKg / 1_000, 1),
    plannedLines: o.plannedLines,
    plannedTonnes: roundTo(o.plannedKg / 1_000, 1),
    loads: o.loads,
    unplannable: o.unplannable,
    unplannableByReason: Object.fromEntries(o.unplannableByReason),
    fillPercent: Object.fromEntries(
      fillFigures(plan, carrierOf).map((f) => [
        f.type,
        {
          loads: f.loads,
          weightMean: percentOf(f.weightFillMean),
          weightWeighted: percentOf(f.weightFillWeighted),
          volumeMean: percentOf(f.volumeFillMean),
          volumeWeighted: percentOf(f.volumeFillWeighted),
          bindingMean: percentOf(f.bindingFillMean),
        },
      ]),
    ),
  };
}

function saveResult(startedAt: Date, measured: Measured): void {
  const { input } = measured;
  writeBenchResult({
    name: 'dispatch',
    startedAt,
    parameters: {
      ...measured.options,
      vehicles: input.vehicles.length,
      freeVehicles: input.vehicles.filter((v) => v.availableFrom !== null).length,
      railDepartures: input.railDepartures.length,
    },
    figures: figures(measured),
  });
}

function carriersOf(input: PlanningInput): CarrierOf {
  const carriers = new Map<string, ReturnType<CarrierOf>>();
  for (const v of input.vehicles)
    carriers.set(v.plate, { type: v.type, kg: v.payloadKg, m3: v.volumeM3 });
  for (const d of input.railDepartures) {
    carriers.set(d.departureId, { type: 'RAIL', kg: d.capacityKg, m3: d.volumeM3 });
  }
  return (load: PlannedLoad) => carriers.get(load.vehicle) as ReturnType<CarrierOf>;
}

function main(): void {
  const startedAt = new Date();
  const options = parseOptions();
  const input = dispatchDay(options.lines, options.seed);
  const free = input.vehicles.filter((v) => v.availableFrom !== null).length;
  console.log(
    `dispatch benchmark: ${options.lines} lines, ${input.vehicles.length} vehicles (${free} free today), ${input.railDepartures.length} KA Brantas departures, seed ${options.seed}, ${options.warmup} warm-up + ${options.runs} measured runs; ${process.version}`,
  );
  for (let i = 0; i < options.warmup; i++) planDispatch(input);
  const millis: number[] = [];
  let plan: DispatchPlan = { loads: [], unplannable: [] };
  for (let i = 0; i < options.runs; i++) {
    const started = process.hrtime.bigint();
    plan = planDispatch(input);
    millis.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const carrierOf = carriersOf(input);
  console.log(timingLine(millis, options.lines));
  for (const line of outcomeLines(input, plan)) console.log(line);
  console.log('');
  for (const line of fillLines(plan, carrierOf)) console.log(line);
  saveResult(startedAt, { options, input, plan, millis, carrierOf });
}

main();
