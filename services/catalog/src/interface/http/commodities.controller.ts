import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@simpul/platform';
import { CommodityCatalog } from '../../application/commodity/commodity.queries';
import type { Commodity } from '../../domain/commodity/commodity';
import { CreateCommodityRequestDto } from './dto/create-commodity.request.dto';

@ApiTags('commodities')
@Controller('commodities')
export class CommoditiesController {
  constructor(private readonly commodities: CommodityCatalog) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The commodity reference list' })
  async list(): Promise<Commodity[]> {
    return this.commodities.list();
  }

  @Post()
  @Roles('btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Add a commodity to the reference list' })
  async create(@Body() body: CreateCommodityRequestDto): Promise<Commodity> {
    return this.commodities.add({ ...body, shelfLifeDays: body.shelfLifeDays ?? null });
  }
}
