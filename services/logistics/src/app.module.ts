import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@simpul/platform';
import { FleetHandler } from './application/fleet/fleet.handler';
import {
  DispatchPlannerJob,
  PLANNING_OPTIONS,
  type PlanningOptions,
} from './application/planning/dispatch-planner.job';
import { RecordConfirmedOrdersHandler } from './application/planning/record-confirmed-orders.handler';
import { DELAY_CHECK_INTERVAL_MS, DelayCheckJob } from './application/shipments/delay-check.job';
import { ShipmentQueries } from './application/shipments/shipment.queries';
import { TrackShipmentHandler } from './application/shipments/track-shipment.handler';
import type { LogisticsConfig } from './config/logistics.config';
import { CreateFleetAndShipments1764500000000 } from './infrastructure/persistence/migrations/1764500000000-create-fleet-and-shipments';
import { SeedBlitarFleet1764500100000 } from './infrastructure/persistence/migrations/1764500100000-seed-blitar-fleet';
import { FleetController } from './interface/http/fleet.controller';
import { ShipmentsController } from './interface/http/shipments.controller';
import { OrderEventsConsumer } from './interface/messaging/order-events.consumer';

@Module({})
export class LogisticsModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: LogisticsModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'logistics',
          config,
          entities: [],
          migrations: [CreateFleetAndShipments1764500000000, SeedBlitarFleet1764500100000],
        }),
      ],
      controllers: [ShipmentsController, FleetController, OrderEventsConsumer],
      providers: [
        {
          provide: PLANNING_OPTIONS,
          useValue: {
            intervalMs: config.DISPATCH_PLANNING_INTERVAL_MS,
            loadingHours: config.DISPATCH_LOADING_HOURS,
            hold: {
              minFill: config.DISPATCH_HOLD_BELOW_FILL,
              horizonHours: config.DISPATCH_HOLD_HORIZON_HOURS,
            },
          } satisfies PlanningOptions,
        },
        { provide: DELAY_CHECK_INTERVAL_MS, useValue: config.DELAY_CHECK_INTERVAL_MS },
        RecordConfirmedOrdersHandler,
        DispatchPlannerJob,
        DelayCheckJob,
        ShipmentQueries,
        TrackShipmentHandler,
        FleetHandler,
      ],
    };
  }
}
