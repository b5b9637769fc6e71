import { CreatePricing1764600000000 } from './1764600000000-create-pricing';
import { SeedReferencePrices1764600100000 } from './1764600100000-seed-reference-prices';

/** The service's schema, in order: used by the service at start and by `migrate.js`. */
export const PRICING_MIGRATIONS = [CreatePricing1764600000000, SeedReferencePrices1764600100000];
