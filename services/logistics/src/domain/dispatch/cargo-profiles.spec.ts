import { CARGO_PROFILES, cargoOf } from './cargo-profiles';

describe('cargo profiles', () => {
  it('given 500 kg of eggs, then they travel ambient in 1.4 m³ of trays', () => {
    expect(cargoOf('EGG', 500)).toEqual({
      temperatureClass: 'ambient',
      weightKg: 500,
      volumeM3: 1.4,
    });
  });

  it('given three head of cattle, then they weigh 1.2 t and travel live', () => {
    expect(cargoOf('CATTLE_LIVE', 3)).toEqual({
      temperatureClass: 'live',
      weightKg: 1_200,
      volumeM3: 7.2,
    });
  });

  it('given koi and djembe counted by the piece, then each piece has its shipped weight', () => {
    expect(cargoOf('KOI', 50)).toEqual({ temperatureClass: 'live', weightKg: 100, volumeM3: 1 });
    expect(cargoOf('DJEMBE', 10)).toEqual({
      temperatureClass: 'ambient',
      weightKg: 60,
      volumeM3: 0.6,
    });
  });

  it('given meat and fish, then they need cold: frozen and chilled', () => {
    expect(
      ['BROILER_CARCASS', 'BEEF', 'CATFISH', 'TILAPIA'].map((c) => cargoOf(c, 1)?.temperatureClass),
    ).toEqual(['frozen', 'frozen', 'chilled', 'chilled']);
  });

  it('given a commodity without a profile, then there is no cargo', () => {
    expect(cargoOf('DURIAN', 10)).toBeNull();
    expect(cargoOf('toString', 10)).toBeNull();
  });

  it('covers the eighteen commodities of the catalog', () => {
    expect(Object.keys(CARGO_PROFILES)).toHaveLength(18);
  });
});
