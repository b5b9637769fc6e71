/**
 * A load from BTC Blitar to one Jakarta destination, tracked to a signed delivery. Pure domain:
 * time is passed in, and every change returns a new value.
 */
export const SHIPMENT_STATUSES = [
  'planned',
  'loading',
  'departed',
  'arrived',
  'delivered',
  'failed',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface ShipmentProgress {
  status: ShipmentStatus;
  distanceKm: number;
  transitHours: number;
  departedAt: number | null;
  eta: number;
  /** The ETA a delay was last reported for: one report per delay, not one per check. */
  delayReportedForEta: number | null;
}

export interface DeliveredLine {
  allocationId: string;
  receivedAmount: number;
  rejectedAmount: number;
  rejectionReason: string | null;
}

export type ShipmentRule =
  | 'TRANSITION_NOT_ALLOWED'
  | 'CHECKPOINT_BEYOND_ROUTE'
  | 'DELIVERY_LINES_MISMATCH'
  | 'REJECTION_REASON_REQUIRED';

export class ShipmentRuleViolation extends Error {
  constructor(
    readonly rule: ShipmentRule,
    message: string,
  ) {
    super(message);
    this.name = 'ShipmentRuleViolation';
  }
}

const NEXT: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  planned: ['loading', 'failed'],
  loading: ['departed', 'failed'],
  departed: ['arrived', 'failed'],
  arrived: ['delivered', 'failed'],
  delivered: [],
  failed: [],
};

export function assertTransition(from: ShipmentStatus, to: ShipmentStatus): void {
  if (!NEXT[from].includes(to)) {
    throw new ShipmentRuleViolation(
      'TRANSITION_NOT_ALLOWED',
      `a ${from} shipment cannot become ${to}`,
    );
  }
}

const HOUR_MS = 3_600_000;

export function depart(progress: ShipmentProgress, at: number): ShipmentProgress {
  assertTransition(progress.status, 'departed');
  return {
    ...progress,
    status: 'departed',
    departedAt: at,
    eta: at + progress.transitHours * HOUR_MS,
  };
}

/**
 * A checkpoint `kmFromOrigin` along the route passed at `at`: the rest of the way is assumed
 * to go at the route's typical average speed, so the ETA moves with the truck.
 */
export function passCheckpoint(
  progress: ShipmentProgress,
  kmFromOrigin: number,
  at: number,
): ShipmentProgress {
  if (progress.status !== 'departed') {
    throw new ShipmentRuleViolation(
      'TRANSITION_NOT_ALLOWED',
      `a ${progress.status} shipment passes no checkpoints`,
    );
  }
  if (kmFromOrigin > progress.distanceKm) {
    throw new ShipmentRuleViolation(
      'CHECKPOINT_BEYOND_ROUTE',
      `the route is ${progress.distanceKm} km; a checkpoint at ${kmFromOrigin} km is beyond it`,
    );
  }
  const kmPerHour = progress.distanceKm / progress.transitHours;
  const hoursLeft = (progress.distanceKm - kmFromOrigin) / kmPerHour;
  return { ...progress, eta: Math.round(at + hoursLeft * HOUR_MS) };
}

/** Overdue and not yet reported for this ETA: the one moment a delay event is raised. */
export function delayToReport(progress: ShipmentProgress, now: number): boolean {
  const moving =
    progress.status === 'departed' ||
    progress.status === 'loading' ||
    progress.status === 'planned';
  return moving && now > progress.eta && progress.delayReportedForEta !== progress.eta;
}

/** Every line of the load is accounted for, and every rejection says why. */
export function checkDelivery(
  shippedAllocationIds: readonly string[],
  lines: readonly DeliveredLine[],
): void {
  const shipped = [...shippedAllocationIds].sort().join(',');
  const delivered = lines
    .map((l) => l.allocationId)
    .sort()
    .join(',');
  if (shipped !== delivered) {
    throw new ShipmentRuleViolation(
      'DELIVERY_LINES_MISMATCH',
      'a delivery must give received and rejected quantities for every line of the shipment, once',
    );
  }
  const unexplained = lines.find((l) => l.rejectedAmount > 0 && !l.rejectionReason?.trim());
  if (unexplained) {
    throw new ShipmentRuleViolation(
      'REJECTION_REASON_REQUIRED',
      `line ${unexplained.allocationId} rejects ${unexplained.rejectedAmount} without a reason`,
    );
  }
}
