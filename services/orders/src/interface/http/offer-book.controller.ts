import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@simpul/platform';
import {
  ListOfferBookQuery,
  type OfferBookEntry,
} from '../../application/offer-book/list-offer-book.query';
import { ListOfferBookQueryDto } from './dto/list-offer-book.query.dto';

@ApiTags('offer-book')
@Controller('offer-book')
export class OfferBookController {
  constructor(private readonly listOfferBook: ListOfferBookQuery) {}

  @Get()
  @Roles('btc-operator', 'bumd', 'analyst', 'platform-admin')
  @ApiOperation({ summary: 'Offers resting in the book for one commodity, cheapest first' })
  async list(@Query() query: ListOfferBookQueryDto): Promise<OfferBookEntry[]> {
    return this.listOfferBook.execute(query.commodity, query.limit ?? 100);
  }
}
