import {
  DAY,
  HOUR,
  LOADING_HOURS,
  PIKJ_ROAD_HOURS,
  T0,
  cde,
  line,
  planning,
  reefer,
  train,
  tronton,
  vehicle,
} from './dispatch.fixtures';
import type { DispatchPlan, PlannedLoad } from './dispatch-types';
import { planDispatch } from './plan-dispatch';

const loaded = (load: PlannedLoad) => load.lines.map((l) => l.allocationId);
const reasons = (plan: DispatchPlan) =>
  plan.unplannable.map((u) => [u.line.allocationId, u.reason]);

describe('dispatch planner: loads', () => {
  it('given eggs and chili for one market and a free box truck, then one load leaves once loaded', () => {
    const eggs = line({ weightKg: 600, volumeM3: 1.68 });
    const chili = line({ commodityCode: 'CHILI_RED_CURLY', weightKg: 150, volumeM3: 0.75 });

    const plan = planDispatch(
      planning({ lines: [eggs, chili], vehicles: [vehicle('AG 8311 KA')] }),
    );

    expect(plan.unplannable).toEqual([]);
    expect(plan.loads).toMatchObject([
      {
        key: `AG 8311 KA:2026-09-01T02:00:00.000Z:${eggs.allocationId}`,
        mode: 'road',
        vehicle: 'AG 8311 KA',
        destinationCode: 'PIKJ',
        temperatureClass: 'ambient',
        departsAt: T0 + LOADING_HOURS * HOUR,
        eta: T0 + (LOADING_HOURS + PIKJ_ROAD_HOURS) * HOUR,
        lines: [eggs, chili],
        weightKg: 750,
        weightFill: 750 / 4_000,
      },
    ]);
    expect(plan.loads[0].volumeM3).toBeCloseTo(2.43, 9);
    expect(plan.loads[0].volumeFill).toBeCloseTo(2.43 / 14, 9);
  });

  it('given lines for two markets, then each market gets its own load', () => {
    const kramatJati = line({ destinationCode: 'PIKJ' });
    const senen = line({ destinationCode: 'PJ-SENEN' });

    const plan = planDispatch(
      planning({ lines: [kramatJati, senen], vehicles: [cde('AG 1'), cde('AG 2')] }),
    );

    expect(plan.loads.map((l) => [l.destinationCode, loaded(l)])).toEqual([
      ['PIKJ', [kramatJati.allocationId]],
      ['PJ-SENEN', [senen.allocationId]],
    ]);
  });

  it('given frozen beef and eggs for one place, then the beef rides the reefer and the eggs the box', () => {
    const beef = line({
      destinationCode: 'DJ-CAKUNG',
      commodityCode: 'BEEF',
      temperatureClass: 'frozen',
    });
    const eggs = line({ destinationCode: 'DJ-CAKUNG' });

    const plan = planDispatch(
      planning({ lines: [beef, eggs], vehicles: [reefer('AG 8512 RA'), vehicle('AG 8311 KA')] }),
    );

    expect(plan.loads.map((l) => [l.vehicle, l.temperatureClass, loaded(l)])).toEqual([
      ['AG 8311 KA', 'ambient', [eggs.allocationId]],
      ['AG 8512 RA', 'frozen', [beef.allocationId]],
    ]);
  });

  it('given a truck back at 05:00 and goods ready at 03:00 and 06:00, then it leaves at 06:00', () => {
    const early = line({ readyAt: T0 + 3 * HOUR });
    const late = line({ readyAt: T0 + 6 * HOUR });

    const plan = planDispatch(
      planning({ lines: [early, late], vehicles: [cde('AG 1', { availableFrom: T0 + 5 * HOUR })] }),
    );

    expect(plan.loads[0]).toMatchObject({ departsAt: T0 + 6 * HOUR, eta: T0 + 24 * HOUR });
    expect(loaded(plan.loads[0])).toEqual([early.allocationId, late.allocationId]);
  });

  it('given an urgent line and one ready tomorrow, then they do not share a load', () => {
    const urgent = line({ deliverBy: T0 + 21 * HOUR });
    const tomorrow = line({ readyAt: T0 + DAY });

    const plan = planDispatch(
      planning({ lines: [urgent, tomorrow], vehicles: [cde('AG 1'), cde('AG 2')] }),
    );

    expect(plan.loads.map((l) => [l.departsAt, loaded(l)])).toEqual([
      [T0 + 2 * HOUR, [urgent.allocationId]],
      [T0 + DAY, [tomorrow.allocationId]],
    ]);
  });
});

describe('dispatch planner: packing', () => {
  it('given more than the fleet holds, then first-fit decreasing fills the trucks and the rest waits', () => {
    const [a, b, c, d, e] = [1_500, 1_200, 900, 700, 400].map((kg) =>
      line({ weightKg: kg, volumeM3: kg * 0.0028 }),
    );

    const plan = planDispatch(
      planning({ lines: [a, b, c, d, e], vehicles: [cde('AG 1'), cde('AG 2')] }),
    );

    expect(plan.loads.map(loaded)).toEqual([
      [a.allocationId, e.allocationId],
      [b.allocationId, d.allocationId],
    ]);
    expect(plan.unplannable).toEqual([
      {
        line: c,
        reason: 'NO_CAPACITY',
        message:
          'no free vehicle can take 900 kg / 2.52 m³ of ambient to PIKJ by 2026-09-04T00:00Z: 2 big enough, all busy, too late or already loaded in this plan',
      },
    ]);
  });

  it('given lines due soon and a heavy one due later, then the ones due soon share the truck first', () => {
    const seed = line({ weightKg: 100, deliverBy: T0 + 22 * HOUR });
    const soon = line({ weightKg: 2_000, deliverBy: T0 + 30 * HOUR });
    const later = line({ weightKg: 3_000, deliverBy: T0 + 3 * DAY });

    const plan = planDispatch(
      planning({ lines: [seed, soon, later], vehicles: [vehicle('AG 8311 KA')] }),
    );

    expect(plan.loads.map(loaded)).toEqual([[seed.allocationId, soon.allocationId]]);
    expect(reasons(plan)).toEqual([[later.allocationId, 'NO_CAPACITY']]);
  });

  it('given a small group and trucks of every size, then the smallest truck that holds it goes', () => {
    const eggs = [500, 500, 500].map((kg) => line({ weightKg: kg, volumeM3: kg * 0.0028 }));

    const plan = planDispatch(
      planning({
        lines: eggs,
        vehicles: [tronton('AG 9013 KJ'), vehicle('AG 8311 KA'), cde('AG 8123 KA')],
      }),
    );

    expect(plan.loads.map((l) => [l.vehicle, l.lines.length])).toEqual([['AG 8123 KA', 3]]);
  });

  it('given bulky chili over a small truck’s volume, then a larger truck takes it', () => {
    const chili = line({ commodityCode: 'CHILI_RED_CURLY', weightKg: 1_600, volumeM3: 8 });

    const plan = planDispatch(
      planning({ lines: [chili], vehicles: [cde('AG 8123 KA'), vehicle('AG 8311 KA')] }),
    );

    expect(plan.loads.map((l) => l.vehicle)).toEqual(['AG 8311 KA']);
  });

  it('given an open deck and a box truck, then the cattle get the deck even when eggs are more urgent', () => {
    const eggs = line({ destinationCode: 'DJ-CAKUNG', deliverBy: T0 + 22 * HOUR });
    const cattle = line({
      destinationCode: 'DJ-CAKUNG',
      commodityCode: 'CATTLE_LIVE',
      temperatureClass: 'live',
      weightKg: 2_400,
      volumeM3: 14.4,
      bestBefore: null,
    });
    const deck = vehicle('AG 8815 SA', { volumeM3: 16, temperatureClasses: ['live', 'ambient'] });
    const fuso = vehicle('AG 8702 KG', { type: 'FUSO', payloadKg: 7_000, volumeM3: 24 });

    const plan = planDispatch(planning({ lines: [eggs, cattle], vehicles: [deck, fuso] }));

    expect(plan.loads.map((l) => [l.vehicle, l.temperatureClass])).toEqual([
      ['AG 8702 KG', 'ambient'],
      ['AG 8815 SA', 'live'],
    ]);
  });
});

describe('dispatch planner: determinism', () => {
  it('given the same input in reverse order, then the plan is the same', () => {
    const lines = [
      ...[300, 1_800, 900, 2_500, 50].map((kg) => line({ weightKg: kg, volumeM3: kg * 0.003 })),
      line({ destinationCode: 'PJ-SENEN', weightKg: 1_200 }),
      line({ destinationCode: 'DJ-CAKUNG', temperatureClass: 'frozen', weightKg: 3_900 }),
      line({ destinationCode: 'PI-CARINGIN' }),
    ];
    const vehicles = [cde('AG 1'), cde('AG 2'), vehicle('AG 3'), reefer('AG 4'), tronton('AG 5')];
    const input = planning({ lines, vehicles, railDepartures: [train(0), train(1)] });

    const reversed = planning({
      lines: [...lines].reverse(),
      vehicles: [...vehicles].reverse(),
      routes: [...input.routes].reverse(),
      railDepartures: [train(1), train(0)],
    });

    expect(planDispatch(reversed)).toEqual(planDispatch(input));
  });
});
