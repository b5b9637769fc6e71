/** Stable error codes of the catalog service; clients may branch on them. */
export const CATALOG_ERRORS = {
  offerNotFound: 'CATALOG_OFFER_NOT_FOUND',
  offerRuleViolated: 'CATALOG_OFFER_RULE_VIOLATED',
} as const;
