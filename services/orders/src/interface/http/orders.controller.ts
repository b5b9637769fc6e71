import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@simpul/platform';
import { CancelOrderHandler } from '../../application/orders/cancel-order.handler';
import { CloseOrderHandler } from '../../application/orders/close-order.handler';
import { OrderQueries, type OrderView } from '../../application/orders/order.queries';
import { ListOrdersQueryDto } from './dto/list-purchase-requests.query.dto';
import { ReasonDto } from './dto/submit-purchase-request.request.dto';

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly queries: OrderQueries,
    private readonly cancelOrder: CancelOrderHandler,
    private readonly closeOrder: CloseOrderHandler,
  ) {}

  @Get()
  @Roles('bumd', 'btc-operator', 'analyst', 'platform-admin')
  @ApiOperation({ summary: 'Orders, newest first (a BUMD sees only its own)' })
  async list(@Query() query: ListOrdersQueryDto, @CurrentPrincipal() actor: Principal) {
    return this.queries.list(actor, { ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @Roles('bumd', 'btc-operator', 'analyst', 'platform-admin')
  @ApiOperation({ summary: 'An order with its lines and why each was allocated' })
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<OrderView> {
    return this.queries.get(id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({
    summary: 'Ask to cancel an order before its load starts loading',
    description:
      'Accepted (202) with status `cancelling`. Logistics decides: when no load carrying the order has started loading, the order becomes `cancelled` and its quantity returns to the offers; otherwise it returns to `in_fulfilment` with the reason. Follow the order (GET /orders/:id) or its events for the outcome.',
  })
  async cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    await this.cancelOrder.execute(id, body.reason, actor);
    return { orderId: id, status: 'cancelling' };
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Confirm receipt of a delivered order and close it' })
  async close(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() actor: Principal) {
    await this.closeOrder.execute(id, actor);
    return { orderId: id, status: 'closed' };
  }
}
