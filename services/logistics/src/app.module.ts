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
import { FleetController } from './interface/http/fleet.controller';
import { ShipmentsController } from './interface/http/shipments.controller';
import { OrderEventsConsumer } from './interface/messaging/order-events.consumer';
import { LOGISTICS_GAUGES } from './infrastructure/metrics/logistics-gauges';
import { LOGISTICS_MIGRATIONS } from './infrastructure/persistence/migrations';
import { LOGISTICS_PERMISSIONS } from './interface/http/permissions';

@Module({})
export class LogisticsModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: LogisticsModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'logistics',
          config,
          permissions: LOGISTICS_PERMISSIONS,
          gauges: LOGISTICS_GAUGES,
          entities: [],
          migrations: LOGISTICS_MIGRATIONS,
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
