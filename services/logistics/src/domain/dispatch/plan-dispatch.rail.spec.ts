import { HOUR, T0, line, planning, train, tronton } from './dispatch.fixtures';
import { planDispatch } from './plan-dispatch';

describe('dispatch planner: rail', () => {
  const eggs = (count: number) =>
    Array.from({ length: count }, () =>
      line({ destinationCode: 'PJ-SENEN', weightKg: 500, volumeM3: 1.4 }),
    );

  it('given 16 t of eggs for Pasar Senen, more than a tronton’s volume, then KA Brantas takes them', () => {
    const plan = planDispatch(
      planning({ lines: eggs(32), vehicles: [tronton('AG 9013 KJ')], railDepartures: [train(0)] }),
    );

    expect(plan.loads.map((l) => [l.mode, l.vehicle, l.lines.length, l.departsAt, l.eta])).toEqual([
      ['rail', train(0).departureId, 32, T0 + 10 * HOUR, T0 + 27 * HOUR],
    ]);
  });

  it('given 8 t of eggs that a tronton holds, then the road wins as the tighter fit', () => {
    const plan = planDispatch(
      planning({ lines: eggs(16), vehicles: [tronton('AG 9013 KJ')], railDepartures: [train(0)] }),
    );

    expect(plan.loads.map((l) => [l.mode, l.vehicle])).toEqual([['road', 'AG 9013 KJ']]);
  });

  it('given a train that leaves before loading is done, then the next day’s train is taken', () => {
    const gone = train(0, { departureId: 'KA-gone', departsAt: T0 + 1 * HOUR });

    const plan = planDispatch(planning({ lines: eggs(1), railDepartures: [gone, train(1)] }));

    expect(plan.loads.map((l) => [l.vehicle, l.departsAt])).toEqual([
      [train(1).departureId, T0 + 34 * HOUR],
    ]);
  });

  it('given chilled fish for Pasar Senen and only the ambient train, then no vehicle keeps it cold', () => {
    const fish = line({
      destinationCode: 'PJ-SENEN',
      commodityCode: 'CATFISH',
      temperatureClass: 'chilled',
    });

    const plan = planDispatch(planning({ lines: [fish], railDepartures: [train(0)] }));

    expect(plan.unplannable).toEqual([
      {
        line: fish,
        reason: 'NO_VEHICLE_FOR_TEMPERATURE',
        message: 'no vehicle or rail departure to PJ-SENEN keeps chilled cargo',
      },
    ]);
  });
});
