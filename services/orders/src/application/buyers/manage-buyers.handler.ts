import { Injectable } from '@nestjs/common';
import { AppError } from '@simpul/platform';
import { DataSource } from 'typeorm';
import { ORDERS_ERRORS } from '../orders-error-codes';
import { type Buyer, BuyerDirectory, type Destination } from './buyer-directory';

const UNIQUE_VIOLATION = '23505';

/** Operators add buyers and their delivery destinations. */
@Injectable()
export class ManageBuyersHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly buyers: BuyerDirectory,
  ) {}

  async addBuyer(buyer: Omit<Buyer, 'destinations'>): Promise<Buyer> {
    try {
      await this.dataSource.query(
        'INSERT INTO buyers (id, name, commodity_codes, required_certificates) VALUES ($1, $2, $3, $4)',
        [buyer.id, buyer.name, buyer.commodityCodes, buyer.requiredCertificates],
      );
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new AppError(ORDERS_ERRORS.buyerExists, `buyer ${buyer.id} exists`, 409);
      }
      throw error;
    }
    return this.buyers.require(buyer.id);
  }

  async addDestination(destination: Destination): Promise<Buyer> {
    await this.buyers.require(destination.buyerId);
    try {
      await this.dataSource.query(
        'INSERT INTO buyer_destinations (code, buyer_id, name, area, transit_hours) VALUES ($1, $2, $3, $4, $5)',
        [
          destination.code,
          destination.buyerId,
          destination.name,
          destination.area,
          destination.transitHours,
        ],
      );
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new AppError(
          ORDERS_ERRORS.destinationExists,
          `destination ${destination.code} exists`,
          409,
        );
      }
      throw error;
    }
    return this.buyers.require(destination.buyerId);
  }
}
