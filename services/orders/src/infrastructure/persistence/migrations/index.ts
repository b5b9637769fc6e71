import { CreateOfferBook1764300200000 } from './1764300200000-create-offer-book';
import { CreateBuyers1764400000000 } from './1764400000000-create-buyers';
import { CreateCommodityTerms1764400100000 } from './1764400100000-create-commodity-terms';
import { CreateRequestsAndOrders1764400200000 } from './1764400200000-create-requests-and-orders';
import { CreateMatchingBook1764400300000 } from './1764400300000-create-matching-book';
import { CreateBumdFeed1764500000000 } from './1764500000000-create-bumd-feed';
import { OrderCancellingStatus1764600000000 } from './1764600000000-order-cancelling-status';

/** The service's schema, in order: used by the service at start and by `migrate.js`. */
export const ORDERS_MIGRATIONS = [
  CreateOfferBook1764300200000,
  CreateBuyers1764400000000,
  CreateCommodityTerms1764400100000,
  CreateRequestsAndOrders1764400200000,
  CreateMatchingBook1764400300000,
  CreateBumdFeed1764500000000,
  OrderCancellingStatus1764600000000,
];
