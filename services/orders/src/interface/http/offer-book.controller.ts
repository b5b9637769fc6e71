import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppError, Roles } from '@simpul/platform';
import {
  ListOfferBookQuery,
  type OfferBookEntry,
} from '../../application/offer-book/list-offer-book.query';

const COMMODITY = /^[A-Z][A-Z0-9_]{1,31}$/;

@ApiTags('offer-book')
@Controller('offer-book')
export class OfferBookController {
  constructor(private readonly listOfferBook: ListOfferBookQuery) {}

  @Get()
  @Roles('btc-operator', 'bumd', 'analyst', 'platform-admin')
  @ApiOperation({ summary: 'Offers resting in the book for one commodity, cheapest first' })
  @ApiQuery({ name: 'commodity', example: 'EGG' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  async list(
    @Query('commodity') commodity: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
  ): Promise<OfferBookEntry[]> {
    if (!COMMODITY.test(commodity ?? '')) {
      throw new AppError(
        'VALIDATION_FAILED',
        'commodity must be an upper-case code such as EGG',
        400,
      );
    }
    if (limit < 1 || limit > 1000)
      throw new AppError('VALIDATION_FAILED', 'limit must be between 1 and 1000', 400);
    return this.listOfferBook.execute(commodity, limit);
  }
}
