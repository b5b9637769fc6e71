import type { Carrier } from './dispatch-network';
import type { Instant, PlannedLoad, TemperatureClass } from './dispatch-types';
import type { PlanningLine } from './line-feasibility';

/**
 * A load being filled on one carrier for one destination and class. It departs when the carrier
 * and every line on it are ready (a train at its fixed time), and its arrival must meet the
 * latest arrival of every line on it.
 */
export class OpenLoad {
  readonly lines: PlanningLine[] = [];
  weightKg = 0;
  volumeM3 = 0;
  departsAt: Instant;
  private latestArrival = Number.POSITIVE_INFINITY;

  constructor(
    readonly carrier: Carrier,
    readonly destinationCode: string,
    readonly temperatureClass: TemperatureClass,
    private readonly transitMs: number,
  ) {
    this.departsAt = carrier.earliestDeparture as Instant;
  }

  get eta(): Instant {
    return this.departsAt + this.transitMs;
  }

  /** Whether the line could join as far as time goes, ignoring the room left. */
  fitsTiming(candidate: PlanningLine): boolean {
    const { line } = candidate;
    if (this.carrier.fixedDeparture && line.readyAt > this.departsAt) return false;
    const eta = Math.max(this.departsAt, line.readyAt) + this.transitMs;
    return eta <= Math.min(this.latestArrival, candidate.latestArrival);
  }

  accepts(candidate: PlanningLine): boolean {
    const { line } = candidate;
    return (
      line.destinationCode === this.destinationCode &&
      line.temperatureClass === this.temperatureClass &&
      this.carrier.temperatureClasses.includes(line.temperatureClass) &&
      this.weightKg + line.weightKg <= this.carrier.payloadKg &&
      this.volumeM3 + line.volumeM3 <= this.carrier.volumeM3 &&
      this.fitsTiming(candidate)
    );
  }

  add(candidate: PlanningLine): void {
    this.lines.push(candidate);
    this.weightKg += candidate.line.weightKg;
    this.volumeM3 += candidate.line.volumeM3;
    this.departsAt = Math.max(this.departsAt, candidate.line.readyAt);
    this.latestArrival = Math.min(this.latestArrival, candidate.latestArrival);
  }

  /** Lines in input order; the key is unique even when a train takes loads in several plans. */
  toPlannedLoad(): PlannedLoad {
    const lines = [...this.lines].sort((a, b) => a.rank - b.rank).map((p) => p.line);
    return {
      key: `${this.carrier.id}:${new Date(this.departsAt).toISOString()}:${lines[0].allocationId}`,
      mode: this.carrier.mode,
      vehicle: this.carrier.id,
      destinationCode: this.destinationCode,
      temperatureClass: this.temperatureClass,
      departsAt: this.departsAt,
      eta: this.eta,
      lines,
      weightKg: this.weightKg,
      volumeM3: this.volumeM3,
      weightFill: this.weightKg / this.carrier.payloadKg,
      volumeFill: this.volumeM3 / this.carrier.volumeM3,
    };
  }
}
