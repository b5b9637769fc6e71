import { Injectable } from '@nestjs/common';
import {
  type AllocationMadeV1,
  type AllocationReleasedV1,
  causedBy,
  createEnvelope,
  type EventEnvelope,
  OfferSoldOut,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError } from '@simpul/platform';
import { IsNull, type EntityManager } from 'typeorm';
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
 * inbox transaction of each event; a refused allocation (more than remains) throws, changes
 * nothing, and ends in the DLQ for an operator to look at.
 */
@Injectable()
export class ApplyAllocationsHandler {
  async allocationMade(
    event: EventEnvelope<AllocationMadeV1>,
    manager: EntityManager,
  ): Promise<void> {
    const offer = await this.lockOffer(event.data.offerId, manager);
    const next = allocate(offer, event.data.quantity as Quantity);
    await manager.insert(OfferAllocationOrmEntity, {
      allocationId: event.data.allocationId,
      offerId: offer.id,
      quantityAmount: String(event.data.quantity.amount),
      unit: event.data.quantity.unit,
      allocatedAt: new Date(event.data.allocatedAt),
      releasedAt: null,
    });
    await this.save(next, manager);
    if (next.status === 'sold_out') {
      const soldOut = createEnvelope(OfferSoldOut, {
        source: 'catalog',
        subject: offer.id,
        data: {
          offerId: offer.id,
          commodityCode: offer.commodityCode,
          soldOutAt: event.data.allocatedAt,
        },
        ...causedBy(event),
      });
      await appendToOutbox(manager, [toOutboxRecord(OfferSoldOut, soldOut)]);
    }
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
