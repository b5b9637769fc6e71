import {
  checkDelivery,
  delayToReport,
  depart,
  passCheckpoint,
  type ShipmentProgress,
} from './shipment';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-09-01T10:00:00Z');
const planned: ShipmentProgress = {
  status: 'planned',
  distanceKm: 790,
  transitHours: 18,
  departedAt: null,
  eta: T0 + 20 * HOUR,
  delayReportedForEta: null,
};

describe('shipment progress', () => {
  it('given a loading truck, when it departs, then the ETA is departure plus transit', () => {
    const departed = depart({ ...planned, status: 'loading' }, T0);
    expect(departed).toMatchObject({ status: 'departed', departedAt: T0, eta: T0 + 18 * HOUR });
  });

  it('refuses to depart a truck that was never loaded', () => {
    expect(() => depart(planned, T0)).toThrow('a planned shipment cannot become departed');
  });

  it('given a departed truck, when it passes Ngawi late, then the ETA moves with it', () => {
    const departed = depart({ ...planned, status: 'loading' }, T0);
    // 395 km at the route's average 43.9 km/h leaves 9 h; passed at T0 + 12 h instead of + 9 h.
    const later = passCheckpoint(departed, 395, T0 + 12 * HOUR);
    expect(later.eta).toBe(T0 + 21 * HOUR);
    expect(() => passCheckpoint(departed, 900, T0)).toThrow('beyond it');
  });

  it('raises a delay once per ETA, however often it is checked', () => {
    const departed = depart({ ...planned, status: 'loading' }, T0);
    const overdue = T0 + 19 * HOUR;
    expect(delayToReport(departed, T0 + 17 * HOUR)).toBe(false);
    expect(delayToReport(departed, overdue)).toBe(true);
    const reported = { ...departed, delayReportedForEta: departed.eta };
    expect(delayToReport(reported, overdue + HOUR)).toBe(false);
    const moved = passCheckpoint(reported, 700, overdue);
    expect(delayToReport(moved, moved.eta + 1)).toBe(true);
  });

  it('needs every line once in a delivery, and a reason for every rejection', () => {
    const line = {
      allocationId: 'a1',
      receivedAmount: 97,
      rejectedAmount: 3,
      rejectionReason: 'cracked',
    };
    expect(() => checkDelivery(['a1'], [line])).not.toThrow();
    expect(() => checkDelivery(['a1', 'a2'], [line])).toThrow('every line of the shipment');
    expect(() => checkDelivery(['a1'], [{ ...line, rejectionReason: ' ' }])).toThrow(
      'without a reason',
    );
  });
});
