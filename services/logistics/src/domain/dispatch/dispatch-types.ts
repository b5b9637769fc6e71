/** Epoch milliseconds; the planner never reads a clock. */
export type Instant = number;

export const TEMPERATURE_CLASSES = ['ambient', 'chilled', 'frozen', 'live'] as const;
export type TemperatureClass = (typeof TEMPERATURE_CLASSES)[number];

export const VEHICLE_TYPES = ['CDE', 'CDD_BOX', 'CDD_REEFER', 'FUSO', 'TRONTON'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export interface Vehicle {
  plate: string;
  type: VehicleType;
  payloadKg: number;
  volumeM3: number;
  /** The classes it can keep; one load still carries a single class. */
  temperatureClasses: readonly TemperatureClass[];
  carrier: string;
  /** When it is back at BTC and free to load; null when out of service. */
  availableFrom: Instant | null;
}

/** A rail departure with its own capacity (KA Brantas, Blitar → Pasar Senen). */
export interface RailDeparture {
  departureId: string;
  departsAt: Instant;
  capacityKg: number;
  volumeM3: number;
  temperatureClasses: readonly TemperatureClass[];
}

export interface Route {
  destinationCode: string;
  mode: 'road' | 'rail';
  distanceKm: number;
  transitHours: number;
}

/** One order line to move from BTC to a Jakarta destination, with its cargo facts resolved. */
export interface LineToShip {
  orderId: string;
  allocationId: string;
  buyerId: string;
  destinationCode: string;
  commodityCode: string;
  temperatureClass: TemperatureClass;
  weightKg: number;
  volumeM3: number;
  /** The goods are at BTC from then on. */
  readyAt: Instant;
  deliverBy: Instant;
  /** null for goods that do not spoil. */
  bestBefore: Instant | null;
  minShelfLifeHoursOnArrival: number;
}

export interface PlanningInput {
  now: Instant;
  lines: readonly LineToShip[];
  vehicles: readonly Vehicle[];
  routes: readonly Route[];
  railDepartures: readonly RailDeparture[];
  /** Hours between deciding a load and its departure (loading at BTC). */
  loadingHours: number;
}

export interface PlannedLoad {
  /** Assigned by the caller from the planner's deterministic key. */
  key: string;
  mode: 'road' | 'rail';
  /** A plate for road, a departure id for rail. */
  vehicle: string;
  destinationCode: string;
  temperatureClass: TemperatureClass;
  departsAt: Instant;
  eta: Instant;
  lines: LineToShip[];
  weightKg: number;
  volumeM3: number;
  /** 0..1 of the vehicle's payload and volume. */
  weightFill: number;
  volumeFill: number;
}

export type UnplannableReason =
  | 'NO_ROUTE'
  | 'NO_VEHICLE_FOR_TEMPERATURE'
  | 'TOO_LARGE_FOR_ANY_VEHICLE'
  | 'ARRIVES_AFTER_DELIVER_BY'
  | 'SHELF_LIFE_TOO_SHORT'
  | 'NO_CAPACITY';

export interface UnplannableLine {
  line: LineToShip;
  reason: UnplannableReason;
  message: string;
}

export interface DispatchPlan {
  loads: PlannedLoad[];
  unplannable: UnplannableLine[];
}
