/** Stable error codes of the logistics service; clients may branch on them. */
export const LOGISTICS_ERRORS = {
  shipmentNotFound: 'LOGISTICS_SHIPMENT_NOT_FOUND',
  /** Followed by the broken rule: TRANSITION_NOT_ALLOWED, CHECKPOINT_BEYOND_ROUTE, DELIVERY_LINES_MISMATCH, REJECTION_REASON_REQUIRED. */
  shipmentRulePrefix: 'LOGISTICS_SHIPMENT_',
  vehicleNotFound: 'LOGISTICS_VEHICLE_NOT_FOUND',
  vehicleExists: 'LOGISTICS_VEHICLE_EXISTS',
  notYourCarrier: 'LOGISTICS_NOT_YOUR_CARRIER',
} as const;
