import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@simpul/platform';
import { createEnvelope, OfferExpired } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { DataSource } from 'typeorm';
import { expireIfDue, expiresAt } from '../../domain/offer/supply-offer';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';

export const EXPIRY_SWEEP_INTERVAL_MS = Symbol('EXPIRY_SWEEP_INTERVAL_MS');
const BATCH = 500;

/**
 * Expires open offers whose availability window or shelf life has ended, on a schedule. Rows are claimed with
 * SKIP LOCKED, so several catalog instances can sweep at once without expiring an offer twice.
 */
@Injectable()
export class ExpireOffersSweep extends PeriodicTask {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EXPIRY_SWEEP_INTERVAL_MS) intervalMs: number,
  ) {
    super('ExpireOffersSweep', intervalMs);
  }

  protected round(): Promise<unknown> {
    return this.sweep(new Date());
  }

  /** Expires what is due at `now`; returns how many offers expired. */
  async sweep(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.dataSource.transaction(async (manager) => {
        const due = await manager
          .createQueryBuilder(SupplyOfferOrmEntity, 'offer')
          .where("offer.status IN ('published', 'partially_allocated')")
          .andWhere(
            'LEAST(offer.available_until, COALESCE(offer.shelf_life_ends_at, offer.available_until)) <= :now',
            { now },
          )
          .orderBy('offer.id')
          .take(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const offers = due
          .map(toDomain)
          .map((offer) => expireIfDue(offer, now))
          .filter((offer) => offer.status === 'expired');
        if (offers.length === 0) return 0;
        await manager.update(
          SupplyOfferOrmEntity,
          offers.map((offer) => offer.id),
          { status: 'expired' },
        );
        await appendToOutbox(
          manager,
          offers.map((offer) =>
            toOutboxRecord(
              OfferExpired,
              createEnvelope(OfferExpired, {
                source: 'catalog',
                subject: offer.id,
                data: {
                  offerId: offer.id,
                  commodityCode: offer.commodityCode,
                  expiredAt: expiresAt(offer).toISOString(),
                },
              }),
            ),
          ),
        );
        return offers.length;
      });
      total += expired;
      if (expired < BATCH) return total;
    }
  }
}
