// class-transformer's @Type reads design-time metadata: load the polyfill before any contract class.
import 'reflect-metadata';

export * from './envelope/event-envelope';
export * from './envelope/create-envelope';
export * from './topics/topic-registry';
export * from './events/event-definition';
export * from './events/event-catalog';
export * from './events/catalog/offer-published.v1';
export * from './events/catalog/offer-changed.v1';
export * from './events/catalog/offer-expired.v1';
export * from './events/catalog/offer-sold-out.v1';
export * from './events/catalog/offer-withdrawn.v1';
export * from './events/catalog/producer-registered.v1';
export * from './events/catalog/producer-status-changed.v1';
export * from './events/catalog/producer-verified.v1';
export * from './events/catalog/producer-suspended.v1';
export * from './events/orders/allocation-made.v1';
export * from './events/orders/allocation-released.v1';
export * from './validation/flatten-validation-errors';
export * from './validation/validate-event';
