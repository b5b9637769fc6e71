import { DAY, HOUR, line, T0 } from './dispatch.fixtures';
import type { DispatchPlan, PlannedLoad } from './dispatch-types';
import { holdThinLoads } from './hold-policy';

const load = (overrides: Partial<PlannedLoad>): PlannedLoad => ({
  key: 'AG 8123 KA:x',
  mode: 'road',
  vehicle: 'AG 8123 KA',
  destinationCode: 'PIKJ',
  temperatureClass: 'ambient',
  departsAt: T0 + 2 * HOUR,
  eta: T0 + 20 * HOUR,
  lines: [line()],
  weightKg: 100,
  volumeM3: 0.28,
  weightFill: 0.05,
  volumeFill: 0.04,
  ...overrides,
});
const policy = { minFill: 0.6, horizonHours: 6 };

describe('holding thin loads for more cargo', () => {
  it('given a thin load whose lines can wait, then it is held and its lines stay waiting', () => {
    const plan: DispatchPlan = { loads: [load({})], unplannable: [] };

    const held = holdThinLoads(plan, T0, policy);

    expect(held.loads).toEqual([]);
    expect(held.held).toEqual(plan.loads[0].lines);
  });

  it('given a thin load with a line that must leave within the horizon, then it goes', () => {
    // Due in 22 h on an 18 h route: it must leave within 4 h.
    const urgent = load({ lines: [line({ deliverBy: T0 + 22 * HOUR })] });

    const held = holdThinLoads({ loads: [urgent], unplannable: [] }, T0, policy);

    expect(held.loads).toEqual([urgent]);
    expect(held.held).toEqual([]);
  });

  it('given a chili line whose shelf life runs out, then the thin load goes at once', () => {
    const chili = line({ bestBefore: T0 + 2 * DAY, minShelfLifeHoursOnArrival: 24 });

    const held = holdThinLoads({ loads: [load({ lines: [chili] })], unplannable: [] }, T0, policy);

    expect(held.loads).toHaveLength(1);
  });

  it('given a full enough load, or no hold policy, then it goes', () => {
    const full = load({ weightFill: 0.2, volumeFill: 0.7 });
    expect(holdThinLoads({ loads: [full], unplannable: [] }, T0, policy).loads).toEqual([full]);
    const thin = load({});
    expect(
      holdThinLoads({ loads: [thin], unplannable: [] }, T0, { ...policy, minFill: 0 }).loads,
    ).toEqual([thin]);
  });
});
