import { type Carrier, holds } from './dispatch-network';
import type { OpenLoad } from './open-load';

/** A carrier tried for a new load: the load holding its first line, and what could join it. */
export interface CarrierOption {
  load: OpenLoad;
  /** Weight and volume of the first line and of every waiting line that could ride with it. */
  demandKg: number;
  demandM3: number;
}

/** Kilograms of the demand's mix the carrier can take: bulky cargo fills the volume first. */
export function effectiveCapacityKg(option: CarrierOption): number {
  const { payloadKg, volumeM3 } = option.load.carrier;
  if (option.demandM3 <= 0) return payloadKg;
  return Math.min(payloadKg, (volumeM3 * option.demandKg) / option.demandM3);
}

/**
 * Road before rail, then the carrier keeping fewer classes (a reefer stays free for cold
 * cargo), then the one free earlier, then input order.
 */
function tieBreak(a: Carrier, b: Carrier): number {
  const rail = Number(a.mode === 'rail') - Number(b.mode === 'rail');
  const classes = a.temperatureClasses.length - b.temperatureClasses.length;
  const free = (a.earliestDeparture as number) - (b.earliestDeparture as number);
  return rail || classes || free || a.order - b.order;
}

/**
 * The smallest carrier that holds all the demand (best fill for the tail of a group); when none
 * does, the one that takes most of it. Road and rail compete on the same terms, road winning ties:
 * a train is taken when it is the tighter fit or the larger one for the cargo's mix.
 */
export function chooseCarrier(options: CarrierOption[]): CarrierOption {
  const holding = options.filter((o) => holds(o.load.carrier, o.demandKg, o.demandM3));
  if (holding.length > 0) {
    return holding.reduce((best, o) =>
      (effectiveCapacityKg(o) - effectiveCapacityKg(best) ||
        o.load.carrier.payloadKg - best.load.carrier.payloadKg ||
        o.load.carrier.volumeM3 - best.load.carrier.volumeM3 ||
        tieBreak(o.load.carrier, best.load.carrier)) < 0
        ? o
        : best,
    );
  }
  return options.reduce((best, o) =>
    (effectiveCapacityKg(best) - effectiveCapacityKg(o) ||
      tieBreak(o.load.carrier, best.load.carrier)) < 0
      ? o
      : best,
  );
}
