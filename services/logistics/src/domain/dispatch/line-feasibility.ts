import { type Carrier, type DispatchNetwork, holds } from './dispatch-network';
import { HOUR_MS, formatAmount, formatHours, formatInstant } from './dispatch-format';
import type { Instant, LineToShip, UnplannableReason } from './dispatch-types';

/** A line that can be planned in principle, with the rank of its place in the sorted input. */
export interface PlanningLine {
  line: LineToShip;
  rank: number;
  /** The latest arrival that meets both deliver-by and the shelf life left on arrival. */
  latestArrival: Instant;
}

export interface Rejection {
  reason: UnplannableReason;
  message: string;
}

/** Arriving by then meets deliver-by and leaves the required shelf life. */
export function shelfLifeLimit(line: LineToShip): Instant {
  return line.bestBefore === null
    ? Number.POSITIVE_INFINITY
    : line.bestBefore - line.minShelfLifeHoursOnArrival * HOUR_MS;
}

export const describeCargo = (line: LineToShip): string =>
  `${formatAmount(line.weightKg, 'kg')} / ${formatAmount(line.volumeM3, 'm³')} of ${line.temperatureClass}`;

/**
 * Why a line can never be planned with this network, whatever else is planned: no route, no
 * carrier for its class, too large for every one of them, or too late even on the fastest way.
 * Busy vehicles count here: they free up, and a line waiting for one is a capacity matter.
 */
export function rejectLine(line: LineToShip, network: DispatchNetwork): Rejection | null {
  const to = line.destinationCode;
  if (!network.hasRoute(to)) {
    return { reason: 'NO_ROUTE', message: `no road or rail route from BTC to ${to}` };
  }
  const keeping = network.carriersFor(to, line.temperatureClass);
  if (keeping.length === 0) {
    return {
      reason: 'NO_VEHICLE_FOR_TEMPERATURE',
      message: `no vehicle or rail departure to ${to} keeps ${line.temperatureClass} cargo`,
    };
  }
  const holding = keeping.filter((c) => holds(c, line.weightKg, line.volumeM3));
  if (holding.length === 0) return tooLarge(line, keeping);
  return tooLate(line, network, holding);
}

function tooLarge(line: LineToShip, keeping: Carrier[]): Rejection {
  const kg = Math.max(...keeping.map((c) => c.payloadKg));
  const m3 = Math.max(...keeping.map((c) => c.volumeM3));
  return {
    reason: 'TOO_LARGE_FOR_ANY_VEHICLE',
    message: `${describeCargo(line)} fits no vehicle to ${line.destinationCode} (largest take ${formatAmount(kg, 'kg')}, ${formatAmount(m3, 'm³')}); lines are not split`,
  };
}

function tooLate(line: LineToShip, network: DispatchNetwork, holding: Carrier[]): Rejection | null {
  const eta = earliestArrival(line, network, holding);
  if (eta === null) {
    // Only trains, all gone before the goods are ready: later departures may yet be scheduled.
    return {
      reason: 'NO_CAPACITY',
      message: `no departure to ${line.destinationCode} listed after it is ready at ${formatInstant(line.readyAt)}`,
    };
  }
  if (eta > line.deliverBy) {
    return {
      reason: 'ARRIVES_AFTER_DELIVER_BY',
      message: `earliest arrival ${formatInstant(eta)} is after deliver-by ${formatInstant(line.deliverBy)}`,
    };
  }
  if (eta > shelfLifeLimit(line)) {
    const left = (line.bestBefore as number) - eta;
    return {
      reason: 'SHELF_LIFE_TOO_SHORT',
      message: `earliest arrival ${formatInstant(eta)} leaves ${formatHours(left)} of shelf life, ${line.minShelfLifeHoursOnArrival} h required`,
    };
  }
  return null;
}

/**
 * The fastest arrival on any carrier that could hold the line, as if every truck were free:
 * road as soon as loaded and ready, rail on the first train after that. null: no way at all.
 */
function earliestArrival(
  line: LineToShip,
  network: DispatchNetwork,
  holding: Carrier[],
): Instant | null {
  const ready = Math.max(network.earliestLoadingEnd, line.readyAt);
  const etas: Instant[] = [];
  if (holding.some((c) => c.mode === 'road')) {
    etas.push(ready + network.transitMs(line.destinationCode, 'road'));
  }
  const trains = holding.filter((c) => c.mode === 'rail' && (c.earliestDeparture ?? -1) >= ready);
  if (trains.length > 0) {
    const first = Math.min(...trains.map((c) => c.earliestDeparture as number));
    etas.push(first + network.transitMs(line.destinationCode, 'rail'));
  }
  return etas.length === 0 ? null : Math.min(...etas);
}
