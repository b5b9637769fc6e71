import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  type EventDefinition,
  ShipmentCheckpoint,
  ShipmentDelivered,
  ShipmentDeparted,
  ShipmentFailed,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import type { Principal } from '@simpul/platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  assertTransition,
  checkDelivery,
  type DeliveredLine,
  depart,
  passCheckpoint,
  type ShipmentStatus,
} from '../../domain/shipment/shipment';
import { decide, lockShipmentFor, progressOf, type ShipmentRow } from './shipment-access';

/**
 * Status updates from operators and drivers (and the buyer's receipt): each checks the
 * shipment's state machine, saves, and announces the change through the outbox.
 */
@Injectable()
export class TrackShipmentHandler {
  constructor(private readonly dataSource: DataSource) {}

  async startLoading(id: string, actor: Principal): Promise<void> {
    await this.change(id, actor, async (row, manager) => {
      decide(() => assertTransition(row.status, 'loading'));
      await setStatus(manager, id, 'loading', null);
    });
  }

  async depart(id: string, at: Date, actor: Principal): Promise<void> {
    await this.change(id, actor, async (row, manager) => {
      const progress = decide(() => depart(progressOf(row), at.getTime()));
      await manager.query(
        "UPDATE shipments SET status = 'departed', departed_at = $2, eta = $3, updated_at = now() WHERE id = $1",
        [id, at.toISOString(), new Date(progress.eta).toISOString()],
      );
      const orderIds = await orderIdsOf(manager, id);
      await announce(manager, row, ShipmentDeparted, {
        shipmentId: id,
        orderIds,
        departedAt: at.toISOString(),
        eta: new Date(progress.eta).toISOString(),
      });
    });
  }

  async checkpoint(
    id: string,
    name: string,
    kmFromOrigin: number,
    at: Date,
    actor: Principal,
  ): Promise<void> {
    await this.change(id, actor, async (row, manager) => {
      const progress = decide(() => passCheckpoint(progressOf(row), kmFromOrigin, at.getTime()));
      const eta = new Date(progress.eta).toISOString();
      await manager.query('UPDATE shipments SET eta = $2, updated_at = now() WHERE id = $1', [
        id,
        eta,
      ]);
      await manager.query(
        'INSERT INTO shipment_checkpoints (shipment_id, checkpoint, km_from_origin, passed_at, eta, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, name, kmFromOrigin, at.toISOString(), eta, actor.subject],
      );
      const orderIds = await orderIdsOf(manager, id);
      await announce(manager, row, ShipmentCheckpoint, {
        shipmentId: id,
        orderIds,
        checkpoint: name,
        passedAt: at.toISOString(),
        eta,
      });
    });
  }

  async arrive(id: string, actor: Principal): Promise<void> {
    await this.change(id, actor, async (row, manager) => {
      decide(() => assertTransition(row.status, 'arrived'));
      await setStatus(manager, id, 'arrived', null);
    });
  }

  async deliver(id: string, lines: DeliveredLine[], at: Date, actor: Principal): Promise<void> {
    await this.change(id, actor, async (row, manager) => {
      decide(() => assertTransition(row.status, 'delivered'));
      const shipped = (await manager.query(
        'SELECT allocation_id, order_id FROM lines_to_ship WHERE shipment_id = $1',
        [id],
      )) as { allocation_id: string; order_id: string }[];
      decide(() =>
        checkDelivery(
          shipped.map((l) => l.allocation_id),
          lines,
        ),
      );
      const orderOf = new Map(shipped.map((l) => [l.allocation_id, l.order_id]));
      for (const line of lines) {
        await manager.query(
          'INSERT INTO delivered_lines (allocation_id, shipment_id, received, rejected, rejection_reason) VALUES ($1, $2, $3, $4, $5)',
          [line.allocationId, id, line.receivedAmount, line.rejectedAmount, line.rejectionReason],
        );
      }
      await setStatus(manager, id, 'delivered', null);
      await announce(manager, row, ShipmentDelivered, {
        shipmentId: id,
        deliveredAt: at.toISOString(),
        lines: lines.map((line) => ({
          orderId: orderOf.get(line.allocationId) as string,
          allocationId: line.allocationId,
          receivedAmount: line.receivedAmount,
          rejectedAmount: line.rejectedAmount,
          ...(line.rejectionReason ? { rejectionReason: line.rejectionReason } : {}),
        })),
      });
    });
  }

  async fail(id: string, reason: string, at: Date, actor: Principal): Promise<void> {
    await this.change(id, actor, async (row, manager) => {
      decide(() => assertTransition(row.status, 'failed'));
      await setStatus(manager, id, 'failed', reason);
      const orderIds = await orderIdsOf(manager, id);
      // The goods did not arrive: their lines wait for a new load, as their orders do.
      await manager.query(
        "UPDATE lines_to_ship SET status = 'pending', shipment_id = NULL, last_reason = 'SHIPMENT_FAILED' WHERE shipment_id = $1",
        [id],
      );
      await announce(manager, row, ShipmentFailed, {
        shipmentId: id,
        orderIds,
        reason,
        failedAt: at.toISOString(),
      });
    });
  }

  private async change(
    id: string,
    actor: Principal,
    apply: (row: ShipmentRow, manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) =>
      apply(await lockShipmentFor(manager, id, actor), manager),
    );
  }
}

async function setStatus(
  manager: EntityManager,
  id: string,
  status: ShipmentStatus,
  reason: string | null,
) {
  await manager.query(
    'UPDATE shipments SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1',
    [id, status, reason],
  );
}

async function orderIdsOf(manager: EntityManager, shipmentId: string): Promise<string[]> {
  const rows = (await manager.query(
    'SELECT DISTINCT order_id FROM lines_to_ship WHERE shipment_id = $1 ORDER BY order_id',
    [shipmentId],
  )) as { order_id: string }[];
  return rows.map((row) => row.order_id);
}

async function announce<T extends object>(
  manager: EntityManager,
  row: ShipmentRow,
  definition: EventDefinition<T>,
  data: T,
): Promise<void> {
  const envelope = createEnvelope(definition, {
    source: 'logistics',
    subject: row.id,
    tenantId: row.buyer_id,
    data,
  });
  await appendToOutbox(manager, [toOutboxRecord(definition, envelope)]);
}
