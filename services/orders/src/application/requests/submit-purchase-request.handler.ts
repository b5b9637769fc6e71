import { Inject, Injectable } from '@nestjs/common';
import {
  createEnvelope,
  MatchingRequestSubmitted,
  type MatchingRequestSubmittedV1,
  RequestSubmitted,
} from '@simpul/contracts';
import { appendToOutbox, toOutboxRecord } from '@simpul/persistence';
import { AppError, type Principal } from '@simpul/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  checkPurchaseRequest,
  type PurchaseRequestDraft,
  RequestRuleViolation,
} from '../../domain/requests/purchase-request';
import { actingBuyerId, type Buyer, BuyerDirectory } from '../buyers/buyer-directory';
import { ORDERS_ERRORS } from '../orders-error-codes';

export const MATCHING_LOADING_HOURS = Symbol('MATCHING_LOADING_HOURS');

export interface SubmitPurchaseRequestCommand extends PurchaseRequestDraft {
  buyerId?: string;
  commodityCode: string;
  maxUnitPriceIdr: number;
  destinationCode: string;
  allowPartial: boolean;
  minShelfLifeHoursOnArrival: number;
}

/**
 * Saves an open purchase request and, in the same transaction, its public event and the
 * matching input that puts it in the commodity's sequence. Matching happens when the engine
 * reaches it; the caller gets the request id at once.
 */
@Injectable()
export class SubmitPurchaseRequestHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly buyers: BuyerDirectory,
    @Inject(MATCHING_LOADING_HOURS) private readonly loadingHours: number,
  ) {}

  async execute(
    command: SubmitPurchaseRequestCommand,
    actor: Principal,
  ): Promise<{ requestId: string }> {
    const buyerId = actingBuyerId(actor, command.buyerId);
    return this.dataSource.transaction(async (manager) => {
      const buyer = await this.buyers.require(buyerId, manager);
      const input = await this.resolve(command, buyer, manager);
      await this.save(input, command, manager);
      return { requestId: input.requestId };
    });
  }

  private async resolve(
    command: SubmitPurchaseRequestCommand,
    buyer: Buyer,
    manager: EntityManager,
  ): Promise<MatchingRequestSubmittedV1> {
    if (!buyer.commodityCodes.includes(command.commodityCode)) {
      throw new AppError(
        ORDERS_ERRORS.commodityNotBought,
        `${buyer.name} does not buy ${command.commodityCode}`,
        400,
      );
    }
    const destination = buyer.destinations.find((d) => d.code === command.destinationCode);
    if (!destination) {
      throw new AppError(
        ORDERS_ERRORS.destinationUnknown,
        `${buyer.id} has no destination ${command.destinationCode}`,
        400,
      );
    }
    const terms = await this.buyers.commodityTerms(command.commodityCode, manager);
    const { minGradeRank } = this.check(command, terms);
    return {
      requestId: uuidv7(),
      buyerId: buyer.id,
      commodityCode: command.commodityCode,
      quantity: command.quantity as MatchingRequestSubmittedV1['quantity'],
      tradingUnit: terms.tradingUnit,
      maxUnitPriceIdr: command.maxUnitPriceIdr,
      minGrade: command.minGrade,
      minGradeRank,
      destinationCode: destination.code,
      // Loading at BTC comes before the road: the engine plans arrival with both.
      transitHours: destination.transitHours + this.loadingHours,
      deliverBy: command.deliverBy.toISOString(),
      minShelfLifeHoursOnArrival: command.minShelfLifeHoursOnArrival,
      requiredCertificates: buyer.requiredCertificates,
      allowPartial: command.allowPartial,
      expiresAt: command.expiresAt.toISOString(),
    };
  }

  private check(
    command: SubmitPurchaseRequestCommand,
    terms: Parameters<typeof checkPurchaseRequest>[1],
  ) {
    try {
      return checkPurchaseRequest(command, terms, new Date());
    } catch (error) {
      if (error instanceof RequestRuleViolation) {
        throw new AppError(`ORDERS_${error.rule}`, error.message, 400);
      }
      throw error;
    }
  }

  private async save(
    input: MatchingRequestSubmittedV1,
    command: SubmitPurchaseRequestCommand,
    manager: EntityManager,
  ): Promise<void> {
    const now = new Date().toISOString();
    await manager.query(
      `INSERT INTO purchase_requests (id, buyer_id, commodity_code, unit, quantity, max_unit_price_idr,
         min_grade, destination_code, deliver_by, allow_partial, expires_at, status, terms, submitted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $13)`,
      [
        input.requestId,
        input.buyerId,
        input.commodityCode,
        input.quantity.unit,
        input.quantity.amount,
        input.maxUnitPriceIdr,
        input.minGrade,
        input.destinationCode,
        input.deliverBy,
        input.allowPartial,
        input.expiresAt,
        JSON.stringify(input),
        now,
      ],
    );
    const common = { source: 'orders', subject: input.requestId, tenantId: input.buyerId };
    const submitted = createEnvelope(MatchingRequestSubmitted, { ...common, data: input });
    const announced = createEnvelope(RequestSubmitted, {
      ...common,
      ...{ correlationId: submitted.id },
      data: {
        requestId: input.requestId,
        buyerId: input.buyerId,
        commodityCode: input.commodityCode,
        quantity: input.quantity,
        maxUnitPriceIdr: input.maxUnitPriceIdr,
        minGrade: input.minGrade,
        destinationCode: input.destinationCode,
        deliverBy: input.deliverBy,
        allowPartial: command.allowPartial,
        expiresAt: input.expiresAt,
      },
    });
    await appendToOutbox(manager, [
      toOutboxRecord(RequestSubmitted, announced),
      toOutboxRecord(MatchingRequestSubmitted, submitted),
    ]);
  }
}
