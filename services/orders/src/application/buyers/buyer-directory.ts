import { Injectable } from '@nestjs/common';
import { AppError, AUTH_ERROR_CODES, type Principal } from '@simpul/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ORDERS_ERRORS } from '../orders-error-codes';

export interface Destination {
  code: string;
  buyerId: string;
  name: string;
  area: string;
  transitHours: number;
}

export interface Buyer {
  id: string;
  name: string;
  commodityCodes: string[];
  requiredCertificates: string[];
  destinations: Destination[];
}

export interface CommodityTerms {
  code: string;
  unit: string;
  tradingUnit: number;
  grades: string[];
}

/** Buyers, their destinations and the commodity terms requests are checked against. */
@Injectable()
export class BuyerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<Buyer[]> {
    const rows = (await this.dataSource.query('SELECT id FROM buyers ORDER BY id')) as {
      id: string;
    }[];
    return Promise.all(rows.map((row) => this.require(row.id)));
  }

  async require(id: string, manager: EntityManager = this.dataSource.manager): Promise<Buyer> {
    const [row] = (await manager.query(
      'SELECT id, name, commodity_codes, required_certificates FROM buyers WHERE id = $1',
      [id],
    )) as {
      id: string;
      name: string;
      commodity_codes: string[];
      required_certificates: string[];
    }[];
    if (!row) throw new AppError(ORDERS_ERRORS.buyerNotFound, `no buyer ${id}`, 404);
    const destinations = (await manager.query(
      `SELECT code, buyer_id AS "buyerId", name, area, transit_hours::float AS "transitHours"
       FROM buyer_destinations WHERE buyer_id = $1 ORDER BY code`,
      [id],
    )) as Destination[];
    return {
      id: row.id,
      name: row.name,
      commodityCodes: row.commodity_codes,
      requiredCertificates: row.required_certificates,
      destinations,
    };
  }

  async commodityTerms(code: string, manager: EntityManager): Promise<CommodityTerms> {
    const [row] = (await manager.query(
      'SELECT code, unit, trading_unit::float AS "tradingUnit", grades FROM commodity_terms WHERE code = $1',
      [code],
    )) as CommodityTerms[];
    if (!row) throw new AppError(ORDERS_ERRORS.commodityUnknown, `no commodity ${code}`, 400);
    return row;
  }

  /** All grade scales, for the intake to rank offer grades. */
  async gradeScales(manager: EntityManager): Promise<Map<string, string[]>> {
    const rows = (await manager.query('SELECT code, grades FROM commodity_terms')) as {
      code: string;
      grades: string[];
    }[];
    return new Map(rows.map((row) => [row.code, row.grades]));
  }
}

/** The buyer a caller acts for: a BUMD always for itself, the hub's people for any named buyer. */
export function actingBuyerId(actor: Principal, requested: string | undefined): string {
  if (actor.role === 'bumd') {
    if (requested && requested !== actor.tenantId) {
      throw new AppError(AUTH_ERROR_CODES.forbidden, 'a BUMD may act only for itself', 403);
    }
    return actor.tenantId as string;
  }
  if (!requested) {
    throw new AppError(
      ORDERS_ERRORS.buyerRequired,
      'buyerId is required when acting for a BUMD',
      400,
    );
  }
  return requested;
}

/** A BUMD sees only its own requests and orders; hub roles see all. */
export function assertMayRead(actor: Principal, buyerId: string, what: string): void {
  if (actor.role === 'bumd' && actor.tenantId !== buyerId) {
    throw new AppError(AUTH_ERROR_CODES.forbidden, `this ${what} belongs to another buyer`, 403);
  }
}
