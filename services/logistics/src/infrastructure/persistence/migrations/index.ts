import { CreateFleetAndShipments1764500000000 } from './1764500000000-create-fleet-and-shipments';
import { SeedBlitarFleet1764500100000 } from './1764500100000-seed-blitar-fleet';
import { IndexLinesByShipment1764600000000 } from './1764600000000-index-lines-by-shipment';

/** The service's schema, in order: used by the service at start and by `migrate.js`. */
export const LOGISTICS_MIGRATIONS = [
  CreateFleetAndShipments1764500000000,
  SeedBlitarFleet1764500100000,
  IndexLinesByShipment1764600000000,
];
