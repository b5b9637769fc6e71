import { AllowDraftOffers1764300900000 } from './1764300900000-allow-draft-offers';
import { AllowExpiredOffers1764300700000 } from './1764300700000-allow-expired-offers';
import { AddOfferProductionTerms1764300800000 } from './1764300800000-add-offer-production-terms';
import { AllowWithdrawnOffers1764300600000 } from './1764300600000-allow-withdrawn-offers';
import { AddAllocationDeliveries1764301000000 } from './1764301000000-add-allocation-deliveries';
import { CreateOfferAllocations1764300500000 } from './1764300500000-create-offer-allocations';
import { CreateSupplyOffers1764300100000 } from './1764300100000-create-supply-offers';
import { CreateProducers1764300400000 } from './1764300400000-create-producers';
import { CreateCommodities1764300300000 } from './1764300300000-create-commodities';

/** The service's schema, in order: used by the service at start and by `migrate.js`. */
export const CATALOG_MIGRATIONS = [
  CreateSupplyOffers1764300100000,
  CreateCommodities1764300300000,
  CreateProducers1764300400000,
  CreateOfferAllocations1764300500000,
  AllowWithdrawnOffers1764300600000,
  AllowExpiredOffers1764300700000,
  AddOfferProductionTerms1764300800000,
  AllowDraftOffers1764300900000,
  AddAllocationDeliveries1764301000000,
];
