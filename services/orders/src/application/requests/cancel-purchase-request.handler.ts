import { Injectable } from '@nestjs/common';
import { createEnvelope, MatchingRequestCancelled } from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { assertMayRead } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';

/**
 * Asks the engine to cancel what is still open of a request. The cancellation takes its place
 * in the commodity's sequence: an allocation already ahead of it stands.
 */
@Injectable()
export class CancelPurchaseRequestHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(requestId: string, reason: string, actor: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [request] = (await manager.query(
        'SELECT buyer_id, commodity_code, status FROM purchase_requests WHERE id = $1 FOR UPDATE',
        [requestId],
      )) as { buyer_id: string; commodity_code: string; status: string }[];
      if (!request)
        throw new AppError(ORDERS_ERRORS.requestNotFound, `no purchase request ${requestId}`, 404);
      assertMayRead(actor, request.buyer_id, 'purchase request');
      if (request.status !== 'open' && request.status !== 'partially_matched') {
        throw new AppError(
          ORDERS_ERRORS.requestNotOpen,
          `the request is ${request.status.replace('_', ' ')}`,
          409,
        );
      }
      const envelope = createEnvelope(MatchingRequestCancelled, {
        source: 'orders',
        subject: requestId,
        tenantId: request.buyer_id,
        data: { requestId, commodityCode: request.commodity_code, reason },
      });
      await appendToOutbox(manager, [toOutboxRecord(MatchingRequestCancelled, envelope)]);
    });
  }
}
