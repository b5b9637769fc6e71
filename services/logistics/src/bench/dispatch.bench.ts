import { parseArgs } from 'node:util';
import { planDispatch } from '../domain/dispatch/plan-dispatch';
import type { DispatchPlan, PlannedLoad } from '../domain/dispatch/dispatch-types';
import { dispatchDay } from './dispatch-workload';
import { type CarrierOf, fillLines, outcomeLines, timingLine } from './dispatch-report';

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

/** Options by argv (--lines 5000) or environment (BENCH_LINES=5000). */
function parseOptions(): Options {
  const option = (name: string, fallback: string) => ({
    type: 'string' as const,
    default: process.env[`BENCH_${name.toUpperCase()}`] ?? fallback,
  });
  const { values } = parseArgs({
    options: {
      lines: option('lines', '2000'),
      runs: option('runs', '30'),
      warmup: option('warmup', '10'),
      seed: option('seed', '20260901'),
    },
  });
  const options = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, Number(value)]),
  ) as unknown as Options;
  for (const [name, value] of Object.entries(options)) {
    const least = name === 'warmup' || name === 'seed' ? 0 : 1;
    if (!Number.isInteger(value) || value < least) {
      throw new Error(`--${name} takes a whole number of at least ${least}`);
    }
  }
  return options;
}

function main(): void {
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
  const carriers = new Map<string, ReturnType<CarrierOf>>();
  for (const v of input.vehicles)
    carriers.set(v.plate, { type: v.type, kg: v.payloadKg, m3: v.volumeM3 });
  for (const d of input.railDepartures) {
    carriers.set(d.departureId, { type: 'RAIL', kg: d.capacityKg, m3: d.volumeM3 });
  }
  const carrierOf = (load: PlannedLoad) => carriers.get(load.vehicle) as ReturnType<CarrierOf>;
  console.log(timingLine(millis, options.lines));
  for (const line of outcomeLines(input, plan)) console.log(line);
  console.log('');
  for (const line of fillLines(plan, carrierOf)) console.log(line);
}

main();
