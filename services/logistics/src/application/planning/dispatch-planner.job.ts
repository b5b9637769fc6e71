import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { planDispatch } from '../../domain/dispatch/plan-dispatch';
import type { LineToShip } from '../../domain/dispatch/dispatch-types';
import { cargoOf } from '../../domain/dispatch/cargo-profiles';
import { type HeldPlan, type HoldPolicy, holdThinLoads } from '../../domain/dispatch/hold-policy';
import {
  type PendingLineRow,
  PlanningStateRepository,
} from '../../infrastructure/persistence/planning-state.repository';
import { PlanRecorder } from './plan-recorder';

export const PLANNING_OPTIONS = Symbol('PLANNING_OPTIONS');
export interface PlanningOptions {
  intervalMs: number;
  loadingHours: number;
  hold: HoldPolicy;
}

const MAX_LINES_PER_RUN = 5_000;

/**
 * Plans waiting order lines onto loads on a schedule, so lines that arrive close together share
 * trucks. One planner at a time (advisory lock); lines are claimed with SKIP LOCKED.
 */
@Injectable()
export class DispatchPlannerJob extends PeriodicTask {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PLANNING_OPTIONS) private readonly options: PlanningOptions,
  ) {
    super('DispatchPlanner', options.intervalMs);
  }

  protected round(): Promise<unknown> {
    return this.run(Date.now());
  }

  /** Plans what waits at `now`; returns the plan it saved (empty when another planner runs). */
  async run(now: number): Promise<HeldPlan> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        "SELECT pg_try_advisory_xact_lock(hashtext('logistics.dispatch-planner')) AS locked",
      );
      if (!locked) return { loads: [], unplannable: [], held: [] };
      const state = new PlanningStateRepository(manager);
      const rows = await state.pendingLines(MAX_LINES_PER_RUN);
      if (rows.length === 0) return { loads: [], unplannable: [], held: [] };
      const recorder = new PlanRecorder(manager, now);
      const lines = await this.resolveCargo(rows, recorder);
      const full = planDispatch({
        now,
        lines,
        vehicles: await state.vehicles(now),
        routes: await state.routes(),
        railDepartures: await state.railDepartures(now),
        loadingHours: this.options.loadingHours,
      });
      const plan = holdThinLoads(full, now, this.options.hold);
      await recorder.save(plan, new Map(rows.map((row) => [row.allocation_id, row])));
      if (plan.loads.length || plan.unplannable.length || plan.held.length) {
        this.logger.log(
          `planned ${plan.loads.length} loads; ${plan.unplannable.length} lines unplannable; ${plan.held.length} held for fuller loads`,
        );
      }
      return plan;
    });
  }

  /** Weight, volume and temperature class from the cargo profile; unknown cargo is reported. */
  private async resolveCargo(
    rows: PendingLineRow[],
    recorder: PlanRecorder,
  ): Promise<LineToShip[]> {
    const lines: LineToShip[] = [];
    for (const row of rows) {
      const cargo = cargoOf(row.commodity_code, row.amount);
      if (!cargo) {
        await recorder.unknownCargo(row);
        continue;
      }
      lines.push({
        orderId: row.order_id,
        allocationId: row.allocation_id,
        buyerId: row.buyer_id,
        destinationCode: row.destination_code,
        commodityCode: row.commodity_code,
        temperatureClass: cargo.temperatureClass,
        weightKg: cargo.weightKg,
        volumeM3: cargo.volumeM3,
        readyAt: row.ready_at.getTime(),
        deliverBy: row.deliver_by.getTime(),
        bestBefore: row.best_before ? row.best_before.getTime() : null,
        minShelfLifeHoursOnArrival: row.min_shelf_life_hours,
      });
    }
    return lines;
  }
}
