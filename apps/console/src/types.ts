export interface Quantity {
  amount: number;
  unit: string;
}

export interface Commodity {
  code: string;
  nameId: string;
  nameEn: string;
  unit: string;
  grades: string[];
}

export interface Offer {
  id: string;
  producerId: string;
  commodityCode: string;
  quantity: Quantity;
  remaining: Quantity;
  unitPriceIdr: number;
  grade: string;
  status: string;
  publishedAt: string | null;
}

export interface BookEntry {
  offerId: string;
  producerId: string;
  commodityCode: string;
  unit: string;
  offeredAmount: number;
  allocatedAmount: number;
  remainingAmount: number;
  unitPriceIdr: number;
  grade: string;
  availableFrom: string;
  availableUntil: string;
}

export interface PurchaseRequest {
  id: string;
  buyerId: string;
  commodityCode: string;
  quantity: Quantity;
  filledAmount: number;
  maxUnitPriceIdr: number;
  minGrade: string;
  destinationCode: string;
  deliverBy: string;
  status: string;
  unfilledReasons: { code: string; message: string; offers?: number }[];
  orderIds: string[];
  submittedAt: string;
}

export interface OrderLine {
  allocationId: string;
  offerId: string;
  producerId: string;
  quantity: number;
  unitPriceIdr: number;
  explanation: { rule: string; message: string } | null;
  receivedAmount: number | null;
  rejectedAmount: number | null;
  rejectionReason: string | null;
}

export interface Order {
  id: string;
  requestId: string;
  buyerId: string;
  commodityCode: string;
  unit: string;
  destinationCode: string;
  deliverBy: string;
  status: string;
  statusReason: string | null;
  totalIdr: number;
  shipmentId: string | null;
  createdAt: string;
  lines?: OrderLine[];
}

export interface ShipmentLine {
  allocationId: string;
  orderId: string;
  commodityCode: string;
  amount: number;
  unit: string;
  receivedAmount: number | null;
  rejectedAmount: number | null;
  rejectionReason: string | null;
}

export interface Shipment {
  id: string;
  buyerId: string;
  destinationCode: string;
  mode: string;
  vehicle: string | null;
  carrier: string | null;
  status: string;
  statusReason: string | null;
  plannedDeparture: string;
  departedAt: string | null;
  eta: string | null;
  delayed: boolean;
  weightKg: number;
  weightFill: number;
  lines?: ShipmentLine[];
}

export interface Alert {
  alertId: string;
  rule: string;
  commodityCode: string;
  level: string;
  region: string;
  tier: string | null;
  status: string;
  message: string;
  raisedAt: string;
  updatedAt: string;
}

export interface PriceStatus {
  level: string;
  region: string;
  commodityCode: string;
  latestIdr: number;
  cv30Percent: number | null;
  weekOverWeekPercent: number | null;
  deviationFromReferencePercent: number | null;
  reference: { kind: string; minIdr: number | null; maxIdr: number | null } | null;
  tier: string | null;
  openAlerts: number;
  asOf: string;
}

export interface SeriesPoint {
  day: string;
  meanIdr: number;
  minIdr: number;
  maxIdr: number;
  observations: number;
  rollingMean7Idr: number;
  referenceMinIdr: number | null;
  referenceMaxIdr: number | null;
}

export interface Ceiling {
  commodityCode: string;
  publishedIdr: number | null;
  publishedReference: string | null;
  overrideIdr: number | null;
}

export interface Buyer {
  id: string;
  name: string;
  commodityCodes: string[];
  destinations: { code: string; name: string; transitHours: number }[];
}

/** GET /event-log on every service (libs/platform EventLogController). */
export interface EventLogEntry {
  eventId: string;
  type: string;
  version: number;
  topic: string;
  key: string;
  recordedAt: string;
  publishedAt: string;
  event: { subject?: string; correlationId?: string; data?: unknown; [field: string]: unknown };
}

export interface EventLogPage {
  service: string;
  about: string;
  events: EventLogEntry[];
  truncated: boolean;
}

export type HistoryEvent = EventLogEntry & { service: string };

export interface FeedEvent {
  seq: number;
  eventId: string;
  type: string;
  time: string;
  event: { subject: string; correlationId?: string; data: unknown };
}

export interface Subscription {
  id: string;
  url: string;
  status: string;
  eventTypes: string[];
}

export interface Delivery {
  id: string;
  seq: number;
  eventType: string;
  state: string;
  attempts: number;
  lastStatusCode: number | null;
  deliveredAt: string | null;
}
