/** Stable error codes of the catalog service; clients may branch on them. */
export const CATALOG_ERRORS = {
  offerNotFound: 'CATALOG_OFFER_NOT_FOUND',
  /** Followed by the broken rule: WINDOW_INVALID, WINDOW_IN_PAST, PRICE_NOT_INTEGER, QUANTITY_NOT_POSITIVE. */
  offerRulePrefix: 'CATALOG_OFFER_',
  unknownCommodity: 'CATALOG_UNKNOWN_COMMODITY',
  unitMismatch: 'CATALOG_UNIT_MISMATCH',
  gradeUnknown: 'CATALOG_GRADE_UNKNOWN',
  commodityExists: 'CATALOG_COMMODITY_EXISTS',
  producerNotFound: 'CATALOG_PRODUCER_NOT_FOUND',
  producerNotActive: 'CATALOG_PRODUCER_NOT_ACTIVE',
  producerExists: 'CATALOG_PRODUCER_NIB_TAKEN',
  certificateMissing: 'CATALOG_CERTIFICATE_MISSING',
  allocationUnknown: 'CATALOG_ALLOCATION_UNKNOWN',
  cursorInvalid: 'CATALOG_CURSOR_INVALID',
  /** Followed by the broken rule: NIB_INVALID, TRANSITION_NOT_ALLOWED, REASON_REQUIRED. */
  producerRulePrefix: 'CATALOG_PRODUCER_',
} as const;
