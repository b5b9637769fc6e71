import { BLITAR_ROUTES } from './blitar-fleet';
import type { LineToShip, PlanningInput, RailDeparture, Vehicle } from './dispatch-types';

/** Test fixtures for the dispatch planner: BTC Blitar at 07:00 WIB on 1 September 2026. */
export const T0 = Date.parse('2026-09-01T00:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Road transit to PIKJ in BLITAR_ROUTES, and the loading time of `planning()`. */
export const PIKJ_ROAD_HOURS = 18;
export const LOADING_HOURS = 2;

let lines = 0;

/** 100 kg of eggs for Pasar Jaya at PIKJ, ready now, due in three days, 14 days of shelf life. */
export function line(overrides: Partial<LineToShip> = {}): LineToShip {
  lines += 1;
  return {
    orderId: `order-${lines}`,
    allocationId: `alloc-${String(lines).padStart(4, '0')}`,
    buyerId: 'pasar-jaya',
    destinationCode: 'PIKJ',
    commodityCode: 'EGG',
    temperatureClass: 'ambient',
    weightKg: 100,
    volumeM3: 0.28,
    readyAt: T0,
    deliverBy: T0 + 3 * DAY,
    bestBefore: T0 + 14 * DAY,
    minShelfLifeHoursOnArrival: 72,
    ...overrides,
  };
}

export function vehicle(plate: string, overrides: Partial<Vehicle> = {}): Vehicle {
  return {
    plate,
    type: 'CDD_BOX',
    payloadKg: 4_000,
    volumeM3: 14,
    temperatureClasses: ['ambient'],
    carrier: 'CV Penataran Jaya Trans',
    availableFrom: T0,
    ...overrides,
  };
}

export const cde = (plate: string, overrides: Partial<Vehicle> = {}) =>
  vehicle(plate, { type: 'CDE', payloadKg: 2_000, volumeM3: 7, ...overrides });
export const reefer = (plate: string, overrides: Partial<Vehicle> = {}) =>
  vehicle(plate, { type: 'CDD_REEFER', temperatureClasses: ['chilled', 'frozen'], ...overrides });
export const tronton = (plate: string, overrides: Partial<Vehicle> = {}) =>
  vehicle(plate, { type: 'TRONTON', payloadKg: 20_000, volumeM3: 40, ...overrides });

/** KA Brantas to Pasar Senen, 17:00 WIB on the given day (0 = today). */
export function train(day: number, overrides: Partial<RailDeparture> = {}): RailDeparture {
  const departsAt = T0 + day * DAY + 10 * HOUR;
  return {
    departureId: `KA-PJ-SENEN-${new Date(departsAt).toISOString()}`,
    departsAt,
    capacityKg: 18_000,
    volumeM3: 60,
    temperatureClasses: ['ambient'],
    ...overrides,
  };
}

/** The Blitar routes, no vehicles and no trains unless given. */
export function planning(overrides: Partial<PlanningInput> = {}): PlanningInput {
  return {
    now: T0,
    lines: [],
    vehicles: [],
    routes: BLITAR_ROUTES,
    railDepartures: [],
    loadingHours: LOADING_HOURS,
    ...overrides,
  };
}
