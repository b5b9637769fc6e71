import { HOUR, T0, line, planning, reefer, vehicle } from './dispatch.fixtures';
import type { DispatchPlan } from './dispatch-types';
import { planDispatch } from './plan-dispatch';

const reasons = (plan: DispatchPlan) =>
  plan.unplannable.map((u) => [u.line.allocationId, u.reason]);

describe('dispatch planner: unplannable lines', () => {
  const box = vehicle('AG 8311 KA');

  it('given a destination without a route, then the line is reported with NO_ROUTE', () => {
    const bandung = line({ destinationCode: 'PI-CARINGIN' });

    const plan = planDispatch(planning({ lines: [bandung], vehicles: [box] }));

    expect(plan.unplannable).toEqual([
      {
        line: bandung,
        reason: 'NO_ROUTE',
        message: 'no road or rail route from BTC to PI-CARINGIN',
      },
    ]);
  });

  it('given a 5 t line and 4 t trucks, then it is too large, not split', () => {
    const rice = line({ destinationCode: 'PIBC', weightKg: 5_000, volumeM3: 7 });

    const plan = planDispatch(planning({ lines: [rice], vehicles: [box] }));

    expect(plan.unplannable[0]).toMatchObject({
      reason: 'TOO_LARGE_FOR_ANY_VEHICLE',
      message:
        '5000 kg / 7 m³ of ambient fits no vehicle to PIBC (largest take 4000 kg, 14 m³); lines are not split',
    });
  });

  it('given a deliver-by before the earliest arrival, then the message names both', () => {
    const rushed = line({ deliverBy: T0 + 14 * HOUR });

    const plan = planDispatch(planning({ lines: [rushed], vehicles: [box] }));

    expect(plan.unplannable[0]).toMatchObject({
      reason: 'ARRIVES_AFTER_DELIVER_BY',
      message: 'earliest arrival 2026-09-01T20:00Z is after deliver-by 2026-09-01T14:00Z',
    });
  });

  it('given cayenne chili close to its end, then it is reported for its shelf life', () => {
    const chili = line({ bestBefore: T0 + 30 * HOUR, minShelfLifeHoursOnArrival: 12 });

    const plan = planDispatch(planning({ lines: [chili], vehicles: [box] }));

    expect(plan.unplannable[0]).toMatchObject({
      reason: 'SHELF_LIFE_TOO_SHORT',
      message: 'earliest arrival 2026-09-01T20:00Z leaves 10 h of shelf life, 12 h required',
    });
  });

  it('given the only reefer is on the road, then frozen cargo waits for capacity', () => {
    const beef = line({ destinationCode: 'DJ-CAKUNG', temperatureClass: 'frozen' });

    const plan = planDispatch(
      planning({ lines: [beef], vehicles: [reefer('AG 8512 RA', { availableFrom: null }), box] }),
    );

    expect(reasons(plan)).toEqual([[beef.allocationId, 'NO_CAPACITY']]);
    expect(plan.loads).toEqual([]);
  });
});
