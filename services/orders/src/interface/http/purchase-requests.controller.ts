import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@simpul/platform';
import { CancelPurchaseRequestHandler } from '../../application/requests/cancel-purchase-request.handler';
import {
  PurchaseRequestQueries,
  type PurchaseRequestView,
} from '../../application/requests/purchase-request.queries';
import { SubmitPurchaseRequestHandler } from '../../application/requests/submit-purchase-request.handler';
import { ListPurchaseRequestsQueryDto } from './dto/list-purchase-requests.query.dto';
import { ReasonDto, SubmitPurchaseRequestDto } from './dto/submit-purchase-request.request.dto';

@ApiTags('purchase-requests')
@Controller('purchase-requests')
export class PurchaseRequestsController {
  constructor(
    private readonly submit: SubmitPurchaseRequestHandler,
    private readonly cancelRequest: CancelPurchaseRequestHandler,
    private readonly queries: PurchaseRequestQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({
    summary: 'Place a purchase request; the matching engine serves it in arrival order',
  })
  async create(@Body() body: SubmitPurchaseRequestDto, @CurrentPrincipal() actor: Principal) {
    const { requestId } = await this.submit.execute(
      {
        ...body,
        deliverBy: new Date(body.deliverBy),
        expiresAt: new Date(body.expiresAt),
        allowPartial: body.allowPartial ?? true,
        minShelfLifeHoursOnArrival: body.minShelfLifeHoursOnArrival ?? 24,
      },
      actor,
    );
    return { requestId, status: 'open' };
  }

  @Get()
  @Roles('bumd', 'btc-operator', 'analyst', 'platform-admin')
  @ApiOperation({ summary: 'Purchase requests, newest first (a BUMD sees only its own)' })
  async list(
    @Query() query: ListPurchaseRequestsQueryDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<PurchaseRequestView[]> {
    return this.queries.list(actor, { ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @Roles('bumd', 'btc-operator', 'analyst', 'platform-admin')
  @ApiOperation({ summary: 'A purchase request with its orders and why it is not filled yet' })
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<PurchaseRequestView> {
    return this.queries.get(id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({
    summary: 'Cancel what is still open of a request (allocations made before stand)',
  })
  async cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    await this.cancelRequest.execute(id, body.reason, actor);
    return { requestId: id, status: 'cancelling' };
  }
}
