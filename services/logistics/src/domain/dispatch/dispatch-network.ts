import { HOUR_MS } from './dispatch-format';
import type {
  Instant,
  PlanningInput,
  Route,
  TemperatureClass,
  VehicleType,
} from './dispatch-types';

/** A road vehicle or a rail departure: whatever can take one load to one destination. */
export interface Carrier {
  /** Plate or departure id. */
  id: string;
  mode: 'road' | 'rail';
  vehicleType: VehicleType | 'RAIL';
  payloadKg: number;
  volumeM3: number;
  temperatureClasses: readonly TemperatureClass[];
  /**
   * Road: the earliest it can leave BTC (loaded, back from its last trip). Rail: the fixed
   * departure. null when it cannot be used in this plan: busy, out of service, or already gone.
   */
  earliestDeparture: Instant | null;
  fixedDeparture: boolean;
  /** Position in the sorted input: the last tie-break of every choice. */
  order: number;
}

export const holds = (carrier: Carrier, weightKg: number, volumeM3: number): boolean =>
  weightKg <= carrier.payloadKg && volumeM3 <= carrier.volumeM3;

/** Routes and carriers of one planning input, looked up by destination and class. */
export class DispatchNetwork {
  readonly earliestLoadingEnd: Instant;
  private readonly routes = new Map<string, Route>();
  private readonly carriers: Carrier[];
  private readonly byDestinationAndClass = new Map<string, Carrier[]>();

  /** `input` must already be sorted (dispatch-input-order.ts). */
  constructor(input: PlanningInput) {
    this.earliestLoadingEnd = input.now + input.loadingHours * HOUR_MS;
    // Routes come sorted fastest first within a destination and mode: the first one is kept.
    for (const route of input.routes) {
      const key = `${route.destinationCode}|${route.mode}`;
      if (!this.routes.has(key)) this.routes.set(key, route);
    }
    const all = [...this.roadCarriers(input), ...this.railCarriers(input)];
    // A plate or departure listed twice is still one vehicle: the first in sorted order is kept.
    const seen = new Set<string>();
    this.carriers = all.filter(
      (c) => !seen.has(`${c.mode}|${c.id}`) && !!seen.add(`${c.mode}|${c.id}`),
    );
  }

  route(destinationCode: string, mode: 'road' | 'rail'): Route | undefined {
    return this.routes.get(`${destinationCode}|${mode}`);
  }

  hasRoute(destinationCode: string): boolean {
    return !!this.route(destinationCode, 'road') || !!this.route(destinationCode, 'rail');
  }

  transitMs(destinationCode: string, mode: 'road' | 'rail'): number {
    return (this.route(destinationCode, mode) as Route).transitHours * HOUR_MS;
  }

  /** Carriers with a route to the destination that keep the class, usable now or not. */
  carriersFor(destinationCode: string, temperatureClass: TemperatureClass): Carrier[] {
    const key = `${destinationCode}|${temperatureClass}`;
    let found = this.byDestinationAndClass.get(key);
    if (!found) {
      found = this.carriers.filter(
        (c) =>
          !!this.route(destinationCode, c.mode) && c.temperatureClasses.includes(temperatureClass),
      );
      this.byDestinationAndClass.set(key, found);
    }
    return found;
  }

  /**
   * Classes in passes, scarcest first: a pass holds the classes kept by as many usable carriers
   * (chilled and frozen share the reefers), so scarce vehicles go to the cargo that needs them.
   */
  classPasses(classes: readonly TemperatureClass[]): TemperatureClass[][] {
    const usable = (cls: TemperatureClass) =>
      this.carriers.filter(
        (c) => c.earliestDeparture !== null && c.temperatureClasses.includes(cls),
      ).length;
    const passes = new Map<number, TemperatureClass[]>();
    for (const cls of classes) passes.set(usable(cls), [...(passes.get(usable(cls)) ?? []), cls]);
    return [...passes].sort(([a], [b]) => a - b).map(([, pass]) => pass);
  }

  private roadCarriers(input: PlanningInput): Carrier[] {
    return input.vehicles.map((v, order) => ({
      id: v.plate,
      mode: 'road',
      vehicleType: v.type,
      payloadKg: v.payloadKg,
      volumeM3: v.volumeM3,
      temperatureClasses: v.temperatureClasses,
      earliestDeparture:
        v.availableFrom === null ? null : Math.max(this.earliestLoadingEnd, v.availableFrom),
      fixedDeparture: false,
      order,
    }));
  }

  private railCarriers(input: PlanningInput): Carrier[] {
    return input.railDepartures.map((d, index) => ({
      id: d.departureId,
      mode: 'rail',
      vehicleType: 'RAIL',
      payloadKg: d.capacityKg,
      volumeM3: d.volumeM3,
      temperatureClasses: d.temperatureClasses,
      // A train leaving before the goods could be loaded is gone for this plan.
      earliestDeparture: d.departsAt >= this.earliestLoadingEnd ? d.departsAt : null,
      fixedDeparture: true,
      order: input.vehicles.length + index,
    }));
  }
}
