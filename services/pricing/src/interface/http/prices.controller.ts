import { COMMODITY_CODE_PATTERN } from '@simpul/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError, CurrentPrincipal, type Principal, ROLES, Roles } from '@simpul/platform';
import { CeilingCommands } from '../../application/ceilings/ceiling-commands';
import { ImportMarketPricesHandler } from '../../application/observations/import-market-prices.handler';
import { PriceQueries } from '../../application/queries/price.queries';
import { ReferencePricesHandler } from '../../application/references/reference-prices.handler';
import {
  AlertsQueryDto,
  CeilingOverrideDto,
  MarketPricesDto,
  ReferencePriceDto,
  SeriesQueryDto,
} from './dto/pricing.request.dto';

const CODE = COMMODITY_CODE_PATTERN;
const HUB = ['btc-operator', 'platform-admin'] as const;

function commodity(code: string): string {
  if (!CODE.test(code))
    throw new AppError(
      'VALIDATION_FAILED',
      'commodity must be an upper-case code such as EGG',
      400,
    );
  return code;
}

@ApiTags('prices')
@Controller()
export class PricesController {
  constructor(
    private readonly imports: ImportMarketPricesHandler,
    private readonly queries: PriceQueries,
    private readonly references: ReferencePricesHandler,
    private readonly ceilings: CeilingCommands,
  ) {}

  @Post('market-prices')
  @HttpCode(200)
  @Roles(...HUB, 'analyst')
  @ApiOperation({
    summary: 'Jakarta market retail prices; the same price sent again changes nothing',
  })
  async marketPrices(@Body() body: MarketPricesDto) {
    const rows = body.observations.map((input, i) => ({ line: i + 1, input }));
    return this.imports.fromRows(rows, 'rest');
  }

  @Post('market-prices/import')
  @HttpCode(200)
  @Roles(...HUB, 'analyst')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'market,commodity,price,date\nPasar Induk Kramat Jati,CHILI_RED_CURLY,48500,2026-09-09',
    },
  })
  @ApiOperation({
    summary: 'CSV import (market,commodity,price,date): bad rows reported by line, good rows kept',
  })
  async importCsv(@Req() request: { body: unknown }) {
    if (typeof request.body !== 'string' || request.body.length === 0) {
      throw new AppError(
        'PRICING_CSV_REQUIRED',
        'send the CSV as the request body with content-type text/csv',
        400,
      );
    }
    return this.imports.fromCsv(request.body);
  }

  @Get('prices/status')
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Status board: latest price, CV, tier and reference per commodity, level and region',
  })
  async status() {
    return this.queries.statusBoard();
  }

  @Get('prices/:commodity/series')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Daily means, 7-day rolling mean and the reference band of one series' })
  async series(@Param('commodity') code: string, @Query() query: SeriesQueryDto) {
    return this.queries.series(
      commodity(code),
      query.level ?? 'consumer',
      query.region ?? 'jakarta',
      query.days ?? 30,
    );
  }

  @Get('alerts')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Price-stability alerts, newest change first' })
  async alerts(@Query() query: AlertsQueryDto) {
    return this.queries.alerts({
      ...query,
      commodityCode: query.commodity,
      limit: query.limit ?? 100,
    });
  }

  @Get('reference-prices/:commodity')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'HET/HAP history of a commodity' })
  async referencePrices(@Param('commodity') code: string) {
    return this.references.list(commodity(code));
  }

  @Post('reference-prices')
  @Roles(...HUB)
  @ApiOperation({
    summary: 'A new regulated value from its effective date; the previous one is closed then',
  })
  async addReference(@Body() body: ReferencePriceDto, @CurrentPrincipal() actor: Principal) {
    if (body.maxIdr < body.minIdr)
      throw new AppError('VALIDATION_FAILED', 'maxIdr must not be below minIdr', 400);
    return this.references.add(
      {
        ...body,
        zone: body.zone ?? 'zone-1',
        unit: body.unit ?? 'kg',
        effectiveFrom: Date.parse(body.effectiveFrom),
      },
      actor,
    );
  }

  @Get('ceilings')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Ceilings matching obeys: derived, overridden, published' })
  async listCeilings() {
    return this.ceilings.list();
  }

  @Put('ceilings/:commodity')
  @Roles(...HUB)
  @ApiOperation({ summary: 'Override a ceiling with a recorded reason (null lifts the override)' })
  async override(
    @Param('commodity') code: string,
    @Body() body: CeilingOverrideDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    return this.ceilings.override(commodity(code), body.unitPriceIdr, body.reason, actor);
  }
}
