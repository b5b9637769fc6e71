/** Rules a purchase request must meet before it reaches the book. Pure: time is passed in. */
export interface PurchaseRequestDraft {
  quantity: { amount: number; unit: string };
  minGrade: string;
  deliverBy: Date;
  expiresAt: Date;
}

export interface PurchaseTerms {
  unit: string;
  tradingUnit: number;
  grades: string[];
}

export type RequestRule =
  | 'UNIT_MISMATCH'
  | 'GRADE_UNKNOWN'
  | 'QUANTITY_NOT_WHOLE_TRADING_UNITS'
  | 'DELIVER_BY_IN_PAST'
  | 'EXPIRY_INVALID';

export class RequestRuleViolation extends Error {
  constructor(
    readonly rule: RequestRule,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRuleViolation';
  }
}

/** Checks a draft against the commodity's terms and returns the rank of its minimum grade. */
export function checkPurchaseRequest(
  draft: PurchaseRequestDraft,
  terms: PurchaseTerms,
  now: Date,
): { minGradeRank: number } {
  if (draft.quantity.unit !== terms.unit) {
    throw new RequestRuleViolation(
      'UNIT_MISMATCH',
      `this commodity is bought in ${terms.unit}, not ${draft.quantity.unit}`,
    );
  }
  const minGradeRank = terms.grades.indexOf(draft.minGrade);
  if (minGradeRank < 0) {
    throw new RequestRuleViolation(
      'GRADE_UNKNOWN',
      `grades are ${terms.grades.join(', ')}; got "${draft.minGrade}"`,
    );
  }
  const units = draft.quantity.amount / terms.tradingUnit;
  if (Math.abs(units - Math.round(units)) > 1e-9) {
    throw new RequestRuleViolation(
      'QUANTITY_NOT_WHOLE_TRADING_UNITS',
      `quantity must be a whole number of trading units of ${terms.tradingUnit} ${terms.unit}`,
    );
  }
  if (draft.deliverBy.getTime() <= now.getTime()) {
    throw new RequestRuleViolation('DELIVER_BY_IN_PAST', 'deliverBy must be in the future');
  }
  if (
    draft.expiresAt.getTime() <= now.getTime() ||
    draft.expiresAt.getTime() > draft.deliverBy.getTime()
  ) {
    throw new RequestRuleViolation(
      'EXPIRY_INVALID',
      'expiresAt must be in the future and not after deliverBy',
    );
  }
  return { minGradeRank };
}
