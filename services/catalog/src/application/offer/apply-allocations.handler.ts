import { Injectable } from '@nestjs/common';
import {
  type AllocationMadeV1,
  type AllocationReleasedV1,
  causedBy,
  createEnvelope,
  type EventEnvelope,
  OfferSoldOut,
  type OfferSoldOutV1,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError } from '@simpul/platform';
import { In, IsNull, type EntityManager } from 'typeorm';
import {
  allocate,
  type Quantity,
  release,
  type SupplyOffer,
} from '../../domain/offer/supply-offer';
import { OfferAllocationOrmEntity } from '../../infrastructure/persistence/offer-allocation.orm-entity';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

/**
 * Follows the orders service's allocations: remaining quantity and sold-out state. Runs inside the
 * inbox transaction of the events; a refused allocation (more than remains) throws and changes
 * nothing — the consumer then applies the run's events one by one, so only that one ends in the
 * DLQ for an operator to look at.
 */
@Injectable()
export class ApplyAllocationsHandler {
  /**
   * A run of allocations, in event order: each offer is locked once (in id order, so that two
   * partitions' runs never wait on each other in a cycle), takes its allocations in order, and is
   * written once; the allocations go in as one insert.
   */
  async allocationsMade(
    events: readonly EventEnvelope<AllocationMadeV1>[],
    manager: EntityManager,
  ): Promise<void> {
    const byOffer = new Map<string, EventEnvelope<AllocationMadeV1>[]>();
    for (const event of events) {
      const run = byOffer.get(event.data.offerId) ?? [];
      run.push(event);
      byOffer.set(event.data.offerId, run);
    }
    const offers = await this.lockOffers([...byOffer.keys()].sort(), manager);
    // Sold-out announcements go out in the order of the allocations that caused them, as if the
    // run had been applied one event at a time: the same whatever the run's boundaries.
    const soldOut: { position: number; event: EventEnvelope<OfferSoldOutV1> }[] = [];
    const position = new Map(events.map((event, i) => [event, i]));
    for (const [offerId, run] of byOffer) {
      let offer = offers.get(offerId) as SupplyOffer;
      for (const event of run) {
        offer = allocate(offer, event.data.quantity as Quantity);
        if (offer.status === 'sold_out') {
          soldOut.push({ position: position.get(event) ?? 0, event: this.soldOut(offer, event) });
        }
      }
      await this.save(offer, manager);
    }
    await manager.insert(
      OfferAllocationOrmEntity,
      events.map((event) => ({
        allocationId: event.data.allocationId,
        offerId: event.data.offerId,
        quantityAmount: String(event.data.quantity.amount),
        unit: event.data.quantity.unit,
        allocatedAt: new Date(event.data.allocatedAt),
        releasedAt: null,
      })),
    );
    if (soldOut.length) {
      await appendToOutbox(
        manager,
        soldOut
          .sort((a, b) => a.position - b.position)
          .map(({ event }) => toOutboxRecord(OfferSoldOut, event)),
      );
    }
  }

  private soldOut(offer: SupplyOffer, cause: EventEnvelope<AllocationMadeV1>) {
    return createEnvelope(OfferSoldOut, {
      source: 'catalog',
      subject: offer.id,
      data: {
        offerId: offer.id,
        commodityCode: offer.commodityCode,
        soldOutAt: cause.data.allocatedAt,
      },
      ...causedBy(cause),
    });
  }

  async allocationReleased(
    event: EventEnvelope<AllocationReleasedV1>,
    manager: EntityManager,
  ): Promise<void> {
    const allocation = await manager.findOne(OfferAllocationOrmEntity, {
      where: { allocationId: event.data.allocationId, releasedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!allocation) {
      throw new AppError(
        CATALOG_ERRORS.allocationUnknown,
        `no open allocation ${event.data.allocationId} to release`,
        409,
      );
    }
    const offer = await this.lockOffer(allocation.offerId, manager);
    const next = release(offer, {
      amount: Number(allocation.quantityAmount),
      unit: allocation.unit as Quantity['unit'],
    });
    await manager.update(
      OfferAllocationOrmEntity,
      { allocationId: allocation.allocationId },
      { releasedAt: new Date(event.data.releasedAt) },
    );
    await this.save(next, manager);
  }

  private async lockOffers(
    ids: readonly string[],
    manager: EntityManager,
  ): Promise<Map<string, SupplyOffer>> {
    const rows = await manager.find(SupplyOfferOrmEntity, {
      where: { id: In([...ids]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const offers = new Map(rows.map((row) => [row.id, toDomain(row)]));
    const missing = ids.find((id) => !offers.has(id));
    if (missing) throw new AppError(CATALOG_ERRORS.offerNotFound, `no offer ${missing}`, 404);
    return offers;
  }

  private async lockOffer(id: string, manager: EntityManager): Promise<SupplyOffer> {
    const row = await manager.findOne(SupplyOfferOrmEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new AppError(CATALOG_ERRORS.offerNotFound, `no offer ${id}`, 404);
    return toDomain(row);
  }

  private async save(offer: SupplyOffer, manager: EntityManager): Promise<void> {
    await manager.update(
      SupplyOfferOrmEntity,
      { id: offer.id },
      { remainingAmount: String(offer.remaining.amount), status: offer.status },
    );
  }
}
