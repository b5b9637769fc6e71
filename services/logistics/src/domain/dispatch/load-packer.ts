import { type CarrierOption, chooseCarrier } from './carrier-choice';
import { type Carrier, type DispatchNetwork, holds } from './dispatch-network';
import { HOUR_MS, formatInstant } from './dispatch-format';
import type { UnplannableLine } from './dispatch-types';
import { type PlanningLine, describeCargo } from './line-feasibility';
import { OpenLoad } from './open-load';

/** Lines whose latest arrivals lie within this of each other fill a load before later ones. */
export const DEADLINE_BAND_HOURS = 24;

const band = (line: PlanningLine, seed: PlanningLine) =>
  Math.floor((line.latestArrival - seed.latestArrival) / (DEADLINE_BAND_HOURS * HOUR_MS));

/** A load carries one destination and one class. */
const groupKey = ({ line }: PlanningLine) => `${line.destinationCode}|${line.temperatureClass}`;

/** The load and the weight and volume of every waiting line that could ride along in time. */
function withDemand(load: OpenLoad, waiting: PlanningLine[]): CarrierOption {
  const [seed] = load.lines;
  let demandKg = seed.line.weightKg;
  let demandM3 = seed.line.volumeM3;
  for (const line of waiting) {
    if (!load.fitsTiming(line)) continue;
    demandKg += line.line.weightKg;
    demandM3 += line.line.volumeM3;
  }
  return { load, demandKg, demandM3 };
}

function byGroup(lines: PlanningLine[]): Map<string, PlanningLine[]> {
  const groups = new Map<string, PlanningLine[]>();
  for (const line of lines) {
    const group = groups.get(groupKey(line));
    if (group) group.push(line);
    else groups.set(groupKey(line), [line]);
  }
  return groups;
}

/** Most urgent first; heavier first among equally urgent lines. */
const byUrgency = (a: PlanningLine, b: PlanningLine) =>
  a.latestArrival - b.latestArrival || b.line.weightKg - a.line.weightKg || a.rank - b.rank;

/** First-fit decreasing by weight within deadline bands, nearest band first. */
function fillOrder(seed: PlanningLine): (a: PlanningLine, b: PlanningLine) => number {
  return (a, b) => {
    const [x, y] = [band(a, seed), band(b, seed)];
    if (x !== y) return x < y ? -1 : 1;
    return (
      b.line.weightKg - a.line.weightKg || a.latestArrival - b.latestArrival || a.rank - b.rank
    );
  };
}

/**
 * Packs the lines of one pass of classes, a load at a time: the most urgent waiting line opens a
 * load on the carrier chosen by chooseCarrier, then the other lines of its destination and class
 * fill it in fillOrder as long as weight, volume and every line's latest arrival allow.
 */
export class LoadPacker {
  readonly loads: OpenLoad[] = [];
  readonly unplannable: { rank: number; entry: UnplannableLine }[] = [];
  private readonly used = new Set<Carrier>();
  private readonly placed = new Set<PlanningLine>();

  constructor(private readonly network: DispatchNetwork) {}

  pack(lines: PlanningLine[]): void {
    const groups = byGroup(lines);
    for (const seed of [...lines].sort(byUrgency)) {
      if (this.placed.has(seed)) continue;
      this.placed.add(seed);
      const started = this.startLoads(seed);
      if (started.length === 0) {
        this.noCapacity(seed);
        continue;
      }
      // Only now is the group worth compacting: a seed without a carrier costs no scan.
      const waiting = (groups.get(groupKey(seed)) as PlanningLine[]).filter(
        (l) => !this.placed.has(l),
      );
      groups.set(groupKey(seed), waiting);
      this.fill(
        chooseCarrier(started.map((load) => withDemand(load, waiting))).load,
        seed,
        waiting,
      );
    }
  }

  /** A load with the seed on it for every free carrier that can take it in time. */
  private startLoads(seed: PlanningLine): OpenLoad[] {
    const { destinationCode, temperatureClass } = seed.line;
    const loads: OpenLoad[] = [];
    for (const carrier of this.network.carriersFor(destinationCode, temperatureClass)) {
      if (carrier.earliestDeparture === null || this.used.has(carrier)) continue;
      const transitMs = this.network.transitMs(destinationCode, carrier.mode);
      const load = new OpenLoad(carrier, destinationCode, temperatureClass, transitMs);
      if (!load.accepts(seed)) continue;
      load.add(seed);
      loads.push(load);
    }
    return loads;
  }

  private fill(load: OpenLoad, seed: PlanningLine, waiting: PlanningLine[]): void {
    this.used.add(load.carrier);
    for (const line of [...waiting].sort(fillOrder(seed))) {
      if (!load.accepts(line)) continue;
      load.add(line);
      this.placed.add(line);
    }
    this.loads.push(load);
  }

  private noCapacity(seed: PlanningLine): void {
    const { line } = seed;
    const suitable = this.network
      .carriersFor(line.destinationCode, line.temperatureClass)
      .filter((c) => holds(c, line.weightKg, line.volumeM3)).length;
    this.unplannable.push({
      rank: seed.rank,
      entry: {
        line,
        reason: 'NO_CAPACITY',
        message: `no free vehicle can take ${describeCargo(line)} to ${line.destinationCode} by ${formatInstant(seed.latestArrival)}: ${suitable} big enough, all busy, too late or already loaded in this plan`,
      },
    });
  }
}
