import { BLITAR_ROUTES, BLITAR_VEHICLES, blitarFleet, kaBrantasDepartures } from './blitar-fleet';
import { HOUR, T0 } from './dispatch.fixtures';

describe('Blitar fleet', () => {
  it('has unique Blitar (AG) plates and reefers for cold cargo, open decks for cattle', () => {
    const plates = BLITAR_VEHICLES.map((v) => v.plate);
    expect(new Set(plates).size).toBe(plates.length);
    expect(plates.every((p) => /^AG \d{4} [A-Z]{1,3}$/.test(p))).toBe(true);
    expect(
      BLITAR_VEHICLES.filter((v) => v.temperatureClasses.includes('frozen')).length,
    ).toBeGreaterThan(4);
    expect(BLITAR_VEHICLES.filter((v) => v.temperatureClasses.includes('live'))).toHaveLength(2);
  });

  it('reaches the six Jakarta destinations by road and Pasar Senen by rail', () => {
    const road = BLITAR_ROUTES.filter((r) => r.mode === 'road').map((r) => r.destinationCode);
    expect(road.sort()).toEqual([
      'DJ-CAKUNG',
      'DJ-PULOGADUNG',
      'FS-CIPINANG-WH',
      'PIBC',
      'PIKJ',
      'PJ-SENEN',
    ]);
    expect(BLITAR_ROUTES.filter((r) => r.mode === 'rail')).toEqual([
      { destinationCode: 'PJ-SENEN', mode: 'rail', distanceKm: 870, transitHours: 17 },
    ]);
  });

  it('given a morning, then the fleet is free from it and KA Brantas leaves once a day at 17:00 WIB', () => {
    expect(blitarFleet(T0).every((v) => v.availableFrom === T0)).toBe(true);
    expect(kaBrantasDepartures(T0 + 3 * HOUR, 2)).toEqual([
      expect.objectContaining({
        departureId: 'KA-PJ-SENEN-2026-09-01T10:00:00.000Z',
        capacityKg: 18_000,
      }),
      expect.objectContaining({ departsAt: T0 + 34 * HOUR, temperatureClasses: ['ambient'] }),
    ]);
  });
});
