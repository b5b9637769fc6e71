import type { LineToShip, PlanningInput, RailDeparture, Route, Vehicle } from './dispatch-types';

type Key<T> = (item: T) => string | number | null;

/** Compares by each key in turn; null sorts first. A total order makes input order irrelevant. */
function byKeys<T>(...keys: Key<T>[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

const compareLines = byKeys<LineToShip>(
  (l) => l.allocationId,
  (l) => l.orderId,
  (l) => l.buyerId,
  (l) => l.destinationCode,
  (l) => l.commodityCode,
  (l) => l.temperatureClass,
  (l) => l.weightKg,
  (l) => l.volumeM3,
  (l) => l.readyAt,
  (l) => l.deliverBy,
  (l) => l.bestBefore,
  (l) => l.minShelfLifeHoursOnArrival,
);

const compareVehicles = byKeys<Vehicle>(
  (v) => v.plate,
  (v) => v.type,
  (v) => v.payloadKg,
  (v) => v.volumeM3,
  (v) => [...v.temperatureClasses].sort().join(','),
  (v) => v.carrier,
  (v) => v.availableFrom,
);

const compareDepartures = byKeys<RailDeparture>(
  (d) => d.departureId,
  (d) => d.departsAt,
  (d) => d.capacityKg,
  (d) => d.volumeM3,
  (d) => [...d.temperatureClasses].sort().join(','),
);

/** With duplicates, the fastest route per destination and mode wins (see DispatchNetwork). */
const compareRoutes = byKeys<Route>(
  (r) => r.destinationCode,
  (r) => r.mode,
  (r) => r.transitHours,
  (r) => r.distanceKm,
);

/** The planner's view of the input: every array in a stable order, whatever order it came in. */
export function sortedInput(input: PlanningInput): PlanningInput {
  return {
    ...input,
    lines: [...input.lines].sort(compareLines),
    vehicles: [...input.vehicles].sort(compareVehicles),
    routes: [...input.routes].sort(compareRoutes),
    railDepartures: [...input.railDepartures].sort(compareDepartures),
  };
}
