/** Units a quantity can carry (see the glossary: butir for eggs, ekor for livestock and koi). */
export type Unit = 'kg' | 'ton' | 'butir' | 'ekor' | 'litre' | 'piece';

export interface Quantity {
  amount: number;
  unit: Unit;
}

export type OfferStatus =
  'draft' | 'published' | 'partially_allocated' | 'sold_out' | 'withdrawn' | 'expired';

/** A producer's supply offer on the BTC hub. Pure domain: ids and time are passed in. */
export interface SupplyOffer {
  id: string;
  producerId: string;
  commodityCode: string;
  quantity: Quantity;
  remaining: Quantity;
  unitPriceIdr: number;
  grade: string;
  availableFrom: Date;
  availableUntil: Date;
  originHub: string;
  /** The smallest quantity a buyer may take, in the offer's unit; null when there is none. */
  minOrderQuantity: number | null;
  /** Production or harvest date, when the producer gives it. */
  productionDate: Date | null;
  /** productionDate + the commodity's shelf life; null when either is unknown. */
  shelfLifeEndsAt: Date | null;
  status: OfferStatus;
  publishedAt: Date;
}

export type PublishOfferInput = Omit<
  SupplyOffer,
  'remaining' | 'status' | 'publishedAt' | 'shelfLifeEndsAt'
> & {
  /** The commodity's shelf life in days; null when it does not spoil. */
  shelfLifeDays: number | null;
};

const DAY_MS = 24 * 3600 * 1000;

export class OfferRuleViolation extends Error {
  constructor(
    readonly rule:
      | 'WINDOW_INVALID'
      | 'WINDOW_IN_PAST'
      | 'PRICE_NOT_INTEGER'
      | 'QUANTITY_NOT_POSITIVE'
      | 'OVER_ALLOCATION'
      | 'UNIT_MISMATCH'
      | 'RELEASE_EXCEEDS_ALLOCATED'
      | 'NOT_OPEN'
      | 'BELOW_ALLOCATED'
      | 'MIN_ORDER_INVALID'
      | 'PRODUCTION_DATE_IN_FUTURE'
      | 'SHELF_LIFE_ENDED'
      | 'NOT_DRAFT',
    message: string,
  ) {
    super(message);
    this.name = 'OfferRuleViolation';
  }
}

function checkProduction(input: PublishOfferInput, now: Date): void {
  if (
    input.minOrderQuantity !== null &&
    (input.minOrderQuantity <= 0 || input.minOrderQuantity > input.quantity.amount)
  ) {
    throw new OfferRuleViolation(
      'MIN_ORDER_INVALID',
      'the minimum order quantity must be positive and at most the offered quantity',
    );
  }
  if (input.productionDate && input.productionDate.getTime() > now.getTime()) {
    throw new OfferRuleViolation(
      'PRODUCTION_DATE_IN_FUTURE',
      'the production or harvest date cannot be in the future',
    );
  }
}

/** When the offer stops being offered: the end of its window, or of its shelf life if sooner. */
export function expiresAt(offer: SupplyOffer): Date {
  const shelf = offer.shelfLifeEndsAt;
  return shelf && shelf.getTime() < offer.availableUntil.getTime() ? shelf : offer.availableUntil;
}

/** Creates an offer, published (the default) or as a draft: the whole quantity starts unallocated. */
export function publishOffer(input: PublishOfferInput, now: Date, draft = false): SupplyOffer {
  if (!(input.quantity.amount > 0)) {
    throw new OfferRuleViolation('QUANTITY_NOT_POSITIVE', 'quantity must be positive');
  }
  if (!Number.isSafeInteger(input.unitPriceIdr) || input.unitPriceIdr <= 0) {
    throw new OfferRuleViolation(
      'PRICE_NOT_INTEGER',
      'unit price must be a positive whole number of rupiah',
    );
  }
  if (input.availableUntil.getTime() <= input.availableFrom.getTime()) {
    throw new OfferRuleViolation('WINDOW_INVALID', 'availableUntil must be after availableFrom');
  }
  if (input.availableUntil.getTime() <= now.getTime()) {
    throw new OfferRuleViolation('WINDOW_IN_PAST', 'the availability window has already ended');
  }
  const { shelfLifeDays, ...offer } = input;
  checkProduction(input, now);
  const shelfLifeEndsAt =
    input.productionDate && shelfLifeDays
      ? new Date(input.productionDate.getTime() + shelfLifeDays * DAY_MS)
      : null;
  if (shelfLifeEndsAt && shelfLifeEndsAt.getTime() <= now.getTime()) {
    throw new OfferRuleViolation(
      'SHELF_LIFE_ENDED',
      `produced ${input.productionDate?.toISOString()}, its ${shelfLifeDays}-day shelf life has ended`,
    );
  }
  return {
    ...offer,
    shelfLifeEndsAt,
    remaining: { ...input.quantity },
    status: draft ? 'draft' : 'published',
    publishedAt: now,
  };
}

// Quantities carry up to three decimals: compute in thousandths so that sums stay exact.
const toMilli = (amount: number) => Math.round(amount * 1000);
const fromMilli = (milli: number) => milli / 1000;

function statusFor(offered: number, remaining: number): OfferStatus {
  if (remaining === 0) return 'sold_out';
  return remaining === offered ? 'published' : 'partially_allocated';
}

/** Takes `quantity` off what remains; never more than remains. */
export function allocate(offer: SupplyOffer, quantity: Quantity): SupplyOffer {
  if (!isOpen(offer)) {
    throw new OfferRuleViolation(
      'NOT_OPEN',
      `offer ${offer.id} is ${offer.status} and takes no allocation`,
    );
  }
  if (quantity.unit !== offer.quantity.unit) {
    throw new OfferRuleViolation(
      'UNIT_MISMATCH',
      `offer ${offer.id} is in ${offer.quantity.unit}, not ${quantity.unit}`,
    );
  }
  const remaining = toMilli(offer.remaining.amount) - toMilli(quantity.amount);
  if (toMilli(quantity.amount) <= 0 || remaining < 0) {
    throw new OfferRuleViolation(
      'OVER_ALLOCATION',
      `cannot allocate ${quantity.amount} ${quantity.unit}: ${offer.remaining.amount} remain of offer ${offer.id}`,
    );
  }
  return {
    ...offer,
    remaining: { ...offer.remaining, amount: fromMilli(remaining) },
    status: statusFor(toMilli(offer.quantity.amount), remaining),
  };
}

/** Puts a released allocation back; never more than was allocated. */
export function release(offer: SupplyOffer, quantity: Quantity): SupplyOffer {
  const remaining = toMilli(offer.remaining.amount) + toMilli(quantity.amount);
  if (quantity.unit !== offer.quantity.unit || remaining > toMilli(offer.quantity.amount)) {
    throw new OfferRuleViolation(
      'RELEASE_EXCEEDS_ALLOCATED',
      `cannot release ${quantity.amount} ${quantity.unit} to offer ${offer.id}`,
    );
  }
  return {
    ...offer,
    remaining: { ...offer.remaining, amount: fromMilli(remaining) },
    // A withdrawn offer stays withdrawn: the quantity comes back but is not offered again.
    status:
      offer.status === 'withdrawn'
        ? 'withdrawn'
        : statusFor(toMilli(offer.quantity.amount), remaining),
  };
}

/** Published or partially allocated: something is still offered. */
export function isOpen(offer: SupplyOffer): boolean {
  return offer.status === 'published' || offer.status === 'partially_allocated';
}

/** Takes an open offer off the hub; allocations already made stand. */
export function withdraw(offer: SupplyOffer): SupplyOffer {
  if (!isOpen(offer)) {
    throw new OfferRuleViolation(
      'NOT_OPEN',
      `offer ${offer.id} is ${offer.status} and cannot be withdrawn`,
    );
  }
  return { ...offer, status: 'withdrawn' };
}

/** An open offer whose window or shelf life has ended by `now` expires; others are left as they are. */
export function expireIfDue(offer: SupplyOffer, now: Date): SupplyOffer {
  if (!isOpen(offer) || expiresAt(offer).getTime() > now.getTime()) return offer;
  return { ...offer, status: 'expired' };
}

export interface OfferChange {
  quantityAmount?: number;
  unitPriceIdr?: number;
  availableUntil?: Date;
}

/**
 * Changes an open or draft offer's terms. The quantity may go down, but never below what is already
 * allocated; the window may not end before it starts or in the past.
 */
export function changeOffer(offer: SupplyOffer, change: OfferChange, now: Date): SupplyOffer {
  if (!isOpen(offer) && offer.status !== 'draft') {
    throw new OfferRuleViolation(
      'NOT_OPEN',
      `offer ${offer.id} is ${offer.status} and cannot change`,
    );
  }
  const allocated = toMilli(offer.quantity.amount) - toMilli(offer.remaining.amount);
  const quantity =
    change.quantityAmount === undefined
      ? toMilli(offer.quantity.amount)
      : toMilli(change.quantityAmount);
  if (quantity < allocated || quantity <= 0) {
    throw new OfferRuleViolation(
      'BELOW_ALLOCATED',
      `${fromMilli(allocated)} ${offer.quantity.unit} are already allocated; the quantity cannot go below that`,
    );
  }
  const availableUntil = change.availableUntil ?? offer.availableUntil;
  if (availableUntil.getTime() <= offer.availableFrom.getTime()) {
    throw new OfferRuleViolation('WINDOW_INVALID', 'availableUntil must be after availableFrom');
  }
  if (availableUntil.getTime() <= now.getTime())
    throw new OfferRuleViolation(
      'WINDOW_IN_PAST',
      'the availability window would already have ended',
    );
  const price = change.unitPriceIdr ?? offer.unitPriceIdr;
  if (!Number.isSafeInteger(price) || price <= 0)
    throw new OfferRuleViolation(
      'PRICE_NOT_INTEGER',
      'unit price must be a positive whole number of rupiah',
    );
  const remaining = quantity - allocated;
  return {
    ...offer,
    quantity: { ...offer.quantity, amount: fromMilli(quantity) },
    remaining: { ...offer.remaining, amount: fromMilli(remaining) },
    unitPriceIdr: price,
    availableUntil,
    status: offer.status === 'draft' ? 'draft' : statusFor(quantity, remaining),
  };
}

/** A draft goes on the hub: its window and shelf life must not have ended yet. */
export function publishDraft(offer: SupplyOffer, now: Date): SupplyOffer {
  if (offer.status !== 'draft')
    throw new OfferRuleViolation('NOT_DRAFT', `offer ${offer.id} is ${offer.status}, not a draft`);
  if (expiresAt(offer).getTime() <= now.getTime()) {
    throw new OfferRuleViolation('WINDOW_IN_PAST', 'the offer would already have expired');
  }
  return { ...offer, status: 'published', publishedAt: now };
}
