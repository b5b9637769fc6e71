import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@simpul/platform';
import { type Buyer, BuyerDirectory } from '../../application/buyers/buyer-directory';
import { ManageBuyersHandler } from '../../application/buyers/manage-buyers.handler';
import { CreateBuyerDto, CreateDestinationDto } from './dto/create-buyer.request.dto';

@ApiTags('buyers')
@Controller('buyers')
export class BuyersController {
  constructor(
    private readonly directory: BuyerDirectory,
    private readonly manage: ManageBuyersHandler,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The BUMD buyers with their destinations, commodities and certificates',
  })
  async list(): Promise<Buyer[]> {
    return this.directory.list();
  }

  @Post()
  @Roles('btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Add a buyer' })
  async create(@Body() body: CreateBuyerDto): Promise<Buyer> {
    return this.manage.addBuyer(body);
  }

  @Post(':id/destinations')
  @Roles('btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Add a delivery destination to a buyer' })
  async addDestination(
    @Param('id') id: string,
    @Body() body: CreateDestinationDto,
  ): Promise<Buyer> {
    return this.manage.addDestination({ ...body, buyerId: id });
  }
}
