/** Units a quantity can carry (see the glossary: butir for eggs, ekor for livestock and koi). */
export type Unit = 'kg' | 'ton' | 'butir' | 'ekor' | 'litre' | 'piece';

export interface Quantity {
  amount: number;
  unit: Unit;
}

export type OfferStatus = 'published';

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
  status: OfferStatus;
  publishedAt: Date;
}

export type PublishOfferInput = Omit<SupplyOffer, 'remaining' | 'status' | 'publishedAt'>;

export class OfferRuleViolation extends Error {
  constructor(
    readonly rule:
      'WINDOW_INVALID' | 'WINDOW_IN_PAST' | 'PRICE_NOT_INTEGER' | 'QUANTITY_NOT_POSITIVE',
    message: string,
  ) {
    super(message);
    this.name = 'OfferRuleViolation';
  }
}

/** Publishes an offer: the whole quantity starts unallocated. */
export function publishOffer(input: PublishOfferInput, now: Date): SupplyOffer {
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
  return { ...input, remaining: { ...input.quantity }, status: 'published', publishedAt: now };
}
