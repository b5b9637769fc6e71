import { AppError, AUTH_ERROR_CODES, type Principal } from '@simpul/platform';
import type { EntityManager } from 'typeorm';
import { type OfferRuleViolation, type SupplyOffer } from '../../domain/offer/supply-offer';
import { toDomain } from '../../infrastructure/persistence/supply-offer.mapper';
import { SupplyOfferOrmEntity } from '../../infrastructure/persistence/supply-offer.orm-entity';
import { CATALOG_ERRORS } from '../catalog-error-codes';

/**
 * Loads and locks an offer for a change by `actor`: 404 when it does not exist, 403 when a producer
 * acts on another producer's offer. The row stays locked until the caller's transaction ends, so
 * allocations applied meanwhile wait for the change or are seen by it.
 */
export async function lockOfferFor(
  manager: EntityManager,
  id: string,
  actor: Principal,
  action: string,
): Promise<SupplyOffer> {
  const row = await manager.findOne(SupplyOfferOrmEntity, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!row) throw new AppError(CATALOG_ERRORS.offerNotFound, `no offer ${id}`, 404);
  if (actor.role === 'producer' && actor.tenantId !== row.producerId) {
    throw new AppError(
      AUTH_ERROR_CODES.forbidden,
      `a producer may ${action} only its own offers`,
      403,
    );
  }
  return toDomain(row);
}

/** A broken offer rule as the client sees it: 409 for state conflicts, 400 for bad terms. */
export function offerRuleError(error: OfferRuleViolation): AppError {
  const conflict = ['NOT_OPEN', 'NOT_DRAFT', 'BELOW_ALLOCATED', 'OVER_ALLOCATION'].includes(
    error.rule,
  );
  return new AppError(
    `${CATALOG_ERRORS.offerRulePrefix}${error.rule}`,
    error.message,
    conflict ? 409 : 400,
  );
}
