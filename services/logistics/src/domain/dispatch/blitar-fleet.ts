import { HOUR_MS } from './dispatch-format';
import type { Instant, RailDeparture, Route, TemperatureClass, Vehicle } from './dispatch-types';

/** A fleet vehicle without its availability, which the fleet's state decides. */
export type VehicleSpec = Omit<Vehicle, 'availableFrom'>;

const AMBIENT: readonly TemperatureClass[] = ['ambient'];
const COLD: readonly TemperatureClass[] = ['chilled', 'frozen'];
// Open decks with cattle racks; under a tarpaulin they also haul sacks and crates.
const OPEN_DECK: readonly TemperatureClass[] = ['live', 'ambient'];

const CARRIERS = {
  penataran: 'CV Penataran Jaya Trans',
  lodoyo: 'CV Lodoyo Ekspres',
  brantas: 'CV Brantas Dingin Sejahtera',
  kawi: 'PT Kawi Logistik Nusantara',
  kanigoro: 'PT Sumber Rejeki Kanigoro',
  wlingi: 'UD Sapi Makmur Wlingi',
} as const;

const cde = (plate: string, carrier: string): VehicleSpec => ({
  plate,
  type: 'CDE',
  payloadKg: 2_000,
  volumeM3: 7,
  temperatureClasses: AMBIENT,
  carrier,
});
const cddBox = (plate: string, carrier: string): VehicleSpec => ({
  plate,
  type: 'CDD_BOX',
  payloadKg: 4_000,
  volumeM3: 14,
  temperatureClasses: AMBIENT,
  carrier,
});
const cddReefer = (plate: string): VehicleSpec => ({
  plate,
  type: 'CDD_REEFER',
  payloadKg: 4_000,
  volumeM3: 14,
  temperatureClasses: COLD,
  carrier: CARRIERS.brantas,
});
const fuso = (plate: string, carrier: string): VehicleSpec => ({
  plate,
  type: 'FUSO',
  payloadKg: 7_000,
  volumeM3: 24,
  temperatureClasses: AMBIENT,
  carrier,
});
const tronton = (plate: string, carrier: string): VehicleSpec => ({
  plate,
  type: 'TRONTON',
  payloadKg: 20_000,
  volumeM3: 40,
  temperatureClasses: AMBIENT,
  carrier,
});

/**
 * A small realistic fleet of Blitar carriers (AG plates) serving BTC: 28 vehicles, ~200 t of
 * payload. Sizes follow the domain brief; carriers are invented.
 */
export const BLITAR_VEHICLES: readonly VehicleSpec[] = [
  cde('AG 8123 KA', CARRIERS.penataran),
  cde('AG 8156 KB', CARRIERS.penataran),
  cde('AG 8207 UA', CARRIERS.lodoyo),
  cde('AG 8239 UB', CARRIERS.lodoyo),
  cde('AG 8274 KC', CARRIERS.penataran),
  cddBox('AG 8311 KA', CARRIERS.penataran),
  cddBox('AG 8342 KD', CARRIERS.penataran),
  cddBox('AG 8378 UC', CARRIERS.lodoyo),
  cddBox('AG 8405 UD', CARRIERS.lodoyo),
  cddBox('AG 8436 KE', CARRIERS.kawi),
  cddBox('AG 8467 KF', CARRIERS.kawi),
  cddReefer('AG 8512 RA'),
  cddReefer('AG 8533 RB'),
  cddReefer('AG 8559 RC'),
  cddReefer('AG 8581 RD'),
  cddReefer('AG 8604 RE'),
  cddReefer('AG 8628 RF'),
  // A larger reefer for Dharma Jaya's frozen beef and broiler cartons.
  {
    ...fuso('AG 8675 RG', CARRIERS.brantas),
    payloadKg: 6_500,
    volumeM3: 22,
    temperatureClasses: COLD,
  },
  fuso('AG 8702 KG', CARRIERS.kawi),
  fuso('AG 8736 KH', CARRIERS.kawi),
  fuso('AG 8761 UE', CARRIERS.kanigoro),
  fuso('AG 8790 UF', CARRIERS.kanigoro),
  tronton('AG 9013 KJ', CARRIERS.kawi),
  tronton('AG 9041 KL', CARRIERS.kawi),
  tronton('AG 9068 UG', CARRIERS.kanigoro),
  tronton('AG 9095 UH', CARRIERS.kanigoro),
  // Cattle trucks: about ten head on the Fuso and fifteen on the tronton, volume-bound.
  { ...fuso('AG 8815 SA', CARRIERS.wlingi), temperatureClasses: OPEN_DECK },
  {
    ...tronton('AG 9122 SB', CARRIERS.wlingi),
    payloadKg: 15_000,
    volumeM3: 36,
    temperatureClasses: OPEN_DECK,
  },
];

/** The whole fleet free from one instant, as a seed or a benchmark starts it. */
export function blitarFleet(availableFrom: Instant): Vehicle[] {
  return BLITAR_VEHICLES.map((spec) => ({ ...spec, availableFrom }));
}

const road = (destinationCode: string, distanceKm: number, transitHours: number): Route => ({
  destinationCode,
  mode: 'road',
  distanceKm,
  transitHours,
});

/** From BTC Blitar over the Trans-Java toll road (~790 km, 16–20 h: uncertain in the brief). */
export const BLITAR_ROUTES: readonly Route[] = [
  road('PIBC', 792, 18),
  road('FS-CIPINANG-WH', 794, 18),
  road('DJ-CAKUNG', 806, 19),
  road('DJ-PULOGADUNG', 799, 18.5),
  road('PIKJ', 786, 18),
  road('PJ-SENEN', 797, 17),
  // KA Brantas by the northern line through Semarang; distance is an estimate.
  { destinationCode: 'PJ-SENEN', mode: 'rail', distanceKm: 870, transitHours: 17 },
];

/** KA Brantas baggage capacity, once a day; departure time and volume are estimates. */
export const KA_BRANTAS = {
  destinationCode: 'PJ-SENEN',
  departsAtUtc: { hours: 10, minutes: 0 },
  capacityKg: 18_000,
  volumeM3: 60,
  temperatureClasses: AMBIENT,
} as const;

/** The daily departures from the day of `from` (UTC) for `days` days, ids as the schedule names them. */
export function kaBrantasDepartures(from: Instant, days: number): RailDeparture[] {
  const day0 = Math.floor(from / (24 * HOUR_MS)) * 24 * HOUR_MS;
  const { hours, minutes } = KA_BRANTAS.departsAtUtc;
  return Array.from({ length: days }, (_, day) => {
    const departsAt = day0 + (day * 24 + hours) * HOUR_MS + minutes * 60_000;
    return {
      departureId: `KA-${KA_BRANTAS.destinationCode}-${new Date(departsAt).toISOString()}`,
      departsAt,
      capacityKg: KA_BRANTAS.capacityKg,
      volumeM3: KA_BRANTAS.volumeM3,
      temperatureClasses: KA_BRANTAS.temperatureClasses,
    };
  });
}
