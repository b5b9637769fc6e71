/**
 * An offer as the orders service sees it: supply resting in the book until the matching
 * engine allocates it. Pure domain: built from the published facts, nothing else.
 */
export interface RestingOffer {
  offerId: string;
  producerId: string;
  commodityCode: string;
  unit: string;
  offeredAmount: number;
  remainingAmount: number;
  unitPriceIdr: number;
  grade: string;
  availableFrom: Date;
  availableUntil: Date;
  originHub: string;
}

export interface PublishedOfferFacts {
  offerId: string;
  producerId: string;
  commodityCode: string;
  quantity: { amount: number; unit: string };
  unitPriceIdr: number;
  grade: string;
  availableFrom: string;
  availableUntil: string;
  originHub: string;
}

/** A newly published offer rests in the book with nothing allocated yet. */
export function restingOfferFrom(facts: PublishedOfferFacts): RestingOffer {
  return {
    offerId: facts.offerId,
    producerId: facts.producerId,
    commodityCode: facts.commodityCode,
    unit: facts.quantity.unit,
    offeredAmount: facts.quantity.amount,
    remainingAmount: facts.quantity.amount,
    unitPriceIdr: facts.unitPriceIdr,
    grade: facts.grade,
    availableFrom: new Date(facts.availableFrom),
    availableUntil: new Date(facts.availableUntil),
    originHub: facts.originHub,
  };
}
