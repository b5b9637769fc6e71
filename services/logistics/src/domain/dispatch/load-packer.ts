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
 * Packs the lines of one temperature class, a load at a time: the most urgent waiting line opens
 * a load on the carrier chosen by chooseCarrier, then the other lines of its destination fill
 * it in fillOrder as long as weight, volume and every line's latest arrival allow.
 */
export class LoadPacker {
  readonly loads: OpenLoad[] = [];
  readonly unplannable: { rank: number; entry: UnplannableLine }[] = [];
  private readonly used = new Set<Carrier>();
  private readonly placed = new Set<PlanningLine>();

  constructor(private readonly network: DispatchNetwork) {}

  pack(lines: PlanningLine[]): void {
    const groups = new Map<string, PlanningLine[]>();
    for (const line of lines) {
      const group = groups.get(line.line.destinationCode);
      if (group) group.push(line);
      else groups.set(line.line.destinationCode, [line]);
    }
    for (const seed of [...lines].sort(byUrgency)) {
      if (this.placed.has(seed)) continue;
      const destination = seed.line.destinationCode;
      const waiting = (groups.get(destination) as PlanningLine[]).filter(
        (l) => !this.placed.has(l),
      );
      groups.set(destination, waiting);
      this.packFrom(seed, waiting);
    }
  }

  private packFrom(seed: PlanningLine, waiting: PlanningLine[]): void {
    const options = this.freeCarriers(seed).flatMap((carrier) =>
      this.option(carrier, seed, waiting),
    );
    this.placed.add(seed);
    if (options.length === 0) {
      this.noCapacity(seed);
      return;
    }
    const { load } = chooseCarrier(options);
    this.used.add(load.carrier);
    for (const line of waiting.filter((l) => l !== seed).sort(fillOrder(seed))) {
      if (!load.accepts(line)) continue;
      load.add(line);
      this.placed.add(line);
    }
    this.loads.push(load);
  }

  private freeCarriers(seed: PlanningLine): Carrier[] {
    return this.network
      .carriersFor(seed.line.destinationCode, seed.line.temperatureClass)
      .filter((c) => c.earliestDeparture !== null && !this.used.has(c));
  }

  /** The carrier with the seed on it, if it can take it, and what else could ride along. */
  private option(carrier: Carrier, seed: PlanningLine, waiting: PlanningLine[]): CarrierOption[] {
    const { destinationCode, temperatureClass } = seed.line;
    const transitMs = this.network.transitMs(destinationCode, carrier.mode);
    const load = new OpenLoad(carrier, destinationCode, temperatureClass, transitMs);
    if (!load.accepts(seed)) return [];
    load.add(seed);
    let demandKg = seed.line.weightKg;
    let demandM3 = seed.line.volumeM3;
    for (const line of waiting) {
      if (line === seed || !load.fitsTiming(line)) continue;
      demandKg += line.line.weightKg;
      demandM3 += line.line.volumeM3;
    }
    return [{ load, demandKg, demandM3 }];
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
