import fc from 'fast-check';
import { HOUR, T0 } from './dispatch.fixtures';
import {
  type DispatchPlan,
  type LineToShip,
  type PlannedLoad,
  type PlanningInput,
  type RailDeparture,
  type Route,
  TEMPERATURE_CLASSES,
  type Vehicle,
} from './dispatch-types';
import { planDispatch } from './plan-dispatch';

/*
 * Property tests: small random networks (some destinations without a route, classes no vehicle
 * keeps, busy vehicles, trains already gone) with lines of every size and deadline, checked
 * against the invariants of issue #5. Sizes are kept small so that capacity often runs out.
 */

const RUNS = { numRuns: 300 };
/** Order bugs show only when carriers tie, which takes more draws to meet. */
const ORDER_RUNS = { numRuns: 1_000 };
/** Sums of fractional kg and m³ differ in the last bits with the order of addition. */
const EPSILON = 1e-9;
const DESTINATIONS = ['PIKJ', 'PJ-SENEN', 'DJ-CAKUNG', 'PI-CARINGIN'];
/** Mostly destinations that may have a route, so that lines often reach the packing. */
const LINE_DESTINATIONS = ['PIKJ', 'PIKJ', 'PJ-SENEN', 'PJ-SENEN', 'DJ-CAKUNG', 'PI-CARINGIN'];

const hoursFromT0 = (min: number, max: number) =>
  fc.integer({ min: min * 2, max: max * 2 }).map((half) => T0 + (half * HOUR) / 2);
const classes = fc.subarray([...TEMPERATURE_CLASSES], { minLength: 1 });

/** Every destination but the last may have a road and a rail route. */
const routes: fc.Arbitrary<Route[]> = fc
  .tuple(
    ...DESTINATIONS.slice(0, -1).map((destinationCode) =>
      fc.record({
        road: fc.option(fc.integer({ min: 8, max: 24 }), { freq: 10 }),
        rail: fc.option(fc.integer({ min: 8, max: 24 }), { freq: 2, nil: null }),
        destinationCode: fc.constant(destinationCode),
      }),
    ),
  )
  .map((found) =>
    found.flatMap(({ destinationCode, road, rail }) => [
      ...(road === null
        ? []
        : [{ destinationCode, mode: 'road' as const, distanceKm: 790, transitHours: road }]),
      ...(rail === null
        ? []
        : [{ destinationCode, mode: 'rail' as const, distanceKm: 870, transitHours: rail }]),
    ]),
  );

/** Fleets have many identical trucks: sizes and times repeat, so ties are common. */
const size: fc.Arbitrary<[number, number]> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<[number, number]>([500, 2], [2_000, 7], [4_000, 14], [7_000, 24]),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 500, max: 8_000 }), fc.integer({ min: 2, max: 30 })),
  },
);
const availableFrom = fc.oneof(
  fc.constantFrom(T0, T0 + 6 * HOUR, null),
  fc.option(hoursFromT0(-24, 36), { freq: 6 }),
);

const vehicle: fc.Arbitrary<Vehicle> = fc
  .record({
    plate: fc.integer({ min: 1_000, max: 9_999 }).map((n) => `AG ${n} KA`),
    type: fc.constantFrom('CDE', 'CDD_BOX', 'CDD_REEFER', 'FUSO', 'TRONTON'),
    size,
    temperatureClasses: fc.oneof(fc.constant(['ambient' as const]), classes),
    carrier: fc.constant('CV Penataran Jaya Trans'),
    availableFrom,
  })
  .map(({ size: [payloadKg, volumeM3], ...v }) => ({ ...v, payloadKg, volumeM3 }));

/** Trains mostly at the same hours with the same wagons, so that they often tie. */
const departure: fc.Arbitrary<RailDeparture> = fc
  .record({
    departureId: fc.integer({ min: 1, max: 99 }).map((n) => `KA-${n}`),
    departsAt: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(T0 + 10 * HOUR, T0 + 34 * HOUR) },
      { weight: 1, arbitrary: hoursFromT0(-6, 72) },
    ),
    wagon: fc.constantFrom<[number, number]>([2_000, 10], [18_000, 60]),
    temperatureClasses: fc.oneof(
      { weight: 3, arbitrary: fc.constant(['ambient' as const]) },
      { weight: 1, arbitrary: classes },
    ),
  })
  .map(({ wagon: [capacityKg, volumeM3], ...d }) => ({ ...d, capacityKg, volumeM3 }));

const lineFacts = fc
  .record({
    destinationCode: fc.constantFrom(...LINE_DESTINATIONS),
    temperatureClass: fc.constantFrom(...TEMPERATURE_CLASSES),
    // Mostly up to a tonne, in hundredths of a kg; sometimes up to 9 t.
    weightKg: fc
      .oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 900_000 }) },
      )
      .map((dag) => dag / 100),
    // m³ per kg from dense sacks to bulky crates.
    density: fc.integer({ min: 10, max: 120 }).map((n) => n / 10_000),
    readyAt: hoursFromT0(-12, 36),
    dueHours: fc.integer({ min: 6, max: 120 }),
    shelfHours: fc.option(fc.integer({ min: 12, max: 240 }), { freq: 3 }),
    minShelfLifeHoursOnArrival: fc.integer({ min: 0, max: 48 }),
  })
  .map(({ dueHours, shelfHours, density, ...l }) => ({
    ...l,
    volumeM3: Math.round(l.weightKg * density * 10_000) / 10_000,
    buyerId: 'pasar-jaya',
    commodityCode: 'EGG',
    deliverBy: l.readyAt + dueHours * HOUR,
    bestBefore: shelfHours === null ? null : l.readyAt + shelfHours * HOUR,
  }));

/** Up to 40 lines, ids by position so that shrinking keeps them unique. */
const lines: fc.Arbitrary<LineToShip[]> = fc
  .array(lineFacts, { maxLength: 40, size: 'medium' })
  .map((facts) =>
    facts.map((f, i) => ({ ...f, orderId: `order-${i % 7}`, allocationId: `alloc-${i}` })),
  );

const input: fc.Arbitrary<PlanningInput> = fc.record({
  now: fc.constant(T0),
  lines,
  vehicles: fc.uniqueArray(vehicle, { minLength: 1, maxLength: 10, selector: (v) => v.plate }),
  routes,
  railDepartures: fc.uniqueArray(departure, { maxLength: 3, selector: (d) => d.departureId }),
  loadingHours: fc.integer({ min: 0, max: 8 }).map((half) => half / 2),
});

/** The carrier a load names, looked up by its mode: what it holds, keeps and when it can go. */
function carrierOf(i: PlanningInput, load: PlannedLoad) {
  if (load.mode === 'road') {
    const truck = i.vehicles.find((v) => v.plate === load.vehicle);
    if (!truck) throw new Error(`load on unknown vehicle ${load.vehicle}`);
    const { payloadKg: kg, volumeM3: m3, temperatureClasses: classes, availableFrom } = truck;
    return { kg, m3, classes, availableFrom, fixedDeparture: null };
  }
  const train = i.railDepartures.find((d) => d.departureId === load.vehicle);
  if (!train) throw new Error(`load on unknown departure ${load.vehicle}`);
  const { capacityKg: kg, volumeM3: m3, temperatureClasses: classes, departsAt } = train;
  return { kg, m3, classes, availableFrom: departsAt, fixedDeparture: departsAt };
}

function routeOf(i: PlanningInput, load: PlannedLoad): Route {
  const route = i.routes.find(
    (r) => r.destinationCode === load.destinationCode && r.mode === load.mode,
  );
  if (!route) throw new Error(`load to ${load.destinationCode} without a ${load.mode} route`);
  return route;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Runs the planner on each generated input and checks `invariant` on the plan. */
function holdsFor(invariant: (i: PlanningInput, plan: DispatchPlan) => void): void {
  fc.assert(
    fc.property(input, (i) => invariant(i, planDispatch(i))),
    RUNS,
  );
}

describe('dispatch planner properties', () => {
  it('never loads more than a carrier’s payload or volume', () => {
    holdsFor((i, plan) => {
      for (const load of plan.loads) {
        const { kg, m3 } = carrierOf(i, load);
        expect(sum(load.lines.map((l) => l.weightKg))).toBeLessThanOrEqual(kg * (1 + EPSILON));
        expect(sum(load.lines.map((l) => l.volumeM3))).toBeLessThanOrEqual(m3 * (1 + EPSILON));
        expect(load.weightKg).toBeCloseTo(sum(load.lines.map((l) => l.weightKg)), 6);
      }
    });
  });

  it('carries one class and one destination per load, on a carrier keeping it, each carrier once', () => {
    holdsFor((i, plan) => {
      for (const load of plan.loads) {
        expect(carrierOf(i, load).classes).toContain(load.temperatureClass);
        routeOf(i, load);
        for (const l of load.lines) {
          expect([l.temperatureClass, l.destinationCode]).toEqual([
            load.temperatureClass,
            load.destinationCode,
          ]);
        }
      }
      const carriers = plan.loads.map((l) => `${l.mode}|${l.vehicle}`);
      expect(new Set(carriers).size).toBe(carriers.length);
    });
  });

  it('plans every line exactly once or reports it unplannable exactly once', () => {
    holdsFor((i, plan) => {
      const seen = [
        ...plan.loads.flatMap((load) => load.lines.map((l) => l.allocationId)),
        ...plan.unplannable.map((u) => u.line.allocationId),
      ].sort();
      expect(seen).toEqual(i.lines.map((l) => l.allocationId).sort());
      for (const u of plan.unplannable) expect(u.message.length).toBeGreaterThan(10);
    });
  });

  it('departs when carrier and goods are ready and arrives in time with the shelf life asked', () => {
    holdsFor((i, plan) => {
      for (const load of plan.loads) {
        const { availableFrom, fixedDeparture } = carrierOf(i, load);
        expect(load.eta).toBe(load.departsAt + routeOf(i, load).transitHours * HOUR);
        expect(load.departsAt).toBeGreaterThanOrEqual(i.now + i.loadingHours * HOUR);
        expect(availableFrom).not.toBeNull();
        expect(load.departsAt).toBeGreaterThanOrEqual(availableFrom as number);
        if (fixedDeparture !== null) expect(load.departsAt).toBe(fixedDeparture);
        for (const l of load.lines) {
          expect(load.departsAt).toBeGreaterThanOrEqual(l.readyAt);
          expect(load.eta).toBeLessThanOrEqual(l.deliverBy);
          if (l.bestBefore !== null) {
            expect(l.bestBefore - load.eta).toBeGreaterThanOrEqual(
              l.minShelfLifeHoursOnArrival * HOUR,
            );
          }
        }
      }
    });
  });

  it('reports NO_ROUTE, NO_VEHICLE_FOR_TEMPERATURE and TOO_LARGE_FOR_ANY_VEHICLE only when true', () => {
    holdsFor((i, plan) => {
      for (const { line: l, reason } of plan.unplannable) {
        const modes = i.routes
          .filter((r) => r.destinationCode === l.destinationCode)
          .map((r) => r.mode);
        const keeping = [
          ...(modes.includes('road')
            ? i.vehicles.map((v) => [v.payloadKg, v.volumeM3, v.temperatureClasses] as const)
            : []),
          ...(modes.includes('rail')
            ? i.railDepartures.map((d) => [d.capacityKg, d.volumeM3, d.temperatureClasses] as const)
            : []),
        ].filter(([, , kept]) => kept.includes(l.temperatureClass));
        const holding = keeping.filter(([kg, m3]) => l.weightKg <= kg && l.volumeM3 <= m3);
        if (reason === 'NO_ROUTE') expect(modes).toEqual([]);
        if (reason === 'NO_VEHICLE_FOR_TEMPERATURE')
          expect([modes.length > 0, keeping]).toEqual([true, []]);
        if (reason === 'TOO_LARGE_FOR_ANY_VEHICLE')
          expect([keeping.length > 0, holding]).toEqual([true, []]);
      }
    });
  });

  it('gives the same plan for the same input in any order', () => {
    fc.assert(
      fc.property(input, fc.integer(), (i, seed) => {
        const shuffled: PlanningInput = {
          ...i,
          lines: shuffle(i.lines, seed),
          vehicles: shuffle(i.vehicles, seed + 1),
          routes: shuffle(i.routes, seed + 2),
          railDepartures: shuffle(i.railDepartures, seed + 3),
        };
        expect(planDispatch(shuffled)).toEqual(planDispatch(i));
      }),
      ORDER_RUNS,
    );
  });
});

/** Fisher–Yates with a small LCG: enough to reorder a few dozen items reproducibly. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
