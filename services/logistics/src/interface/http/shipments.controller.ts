import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@simpul/platform';
import { ShipmentQueries, type ShipmentView } from '../../application/shipments/shipment.queries';
import { TrackShipmentHandler } from '../../application/shipments/track-shipment.handler';
import {
  AtTimeDto,
  CheckpointDto,
  DeliverDto,
  FailDto,
  ListShipmentsQueryDto,
} from './dto/shipment-updates.request.dto';

const at = (body: AtTimeDto) => (body.at ? new Date(body.at) : new Date());
const uuid = new ParseUUIDPipe();

@ApiTags('shipments')
@Controller('shipments')
export class ShipmentsController {
  constructor(
    private readonly queries: ShipmentQueries,
    private readonly track: TrackShipmentHandler,
  ) {}

  @Get()
  @Roles('btc-operator', 'platform-admin', 'analyst', 'driver', 'bumd')
  @ApiOperation({
    summary: 'Shipments, newest first (a BUMD sees its own, a driver its carrier’s)',
  })
  async list(
    @Query() query: ListShipmentsQueryDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ShipmentView[]> {
    return this.queries.list(actor, { status: query.status, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @Roles('btc-operator', 'platform-admin', 'analyst', 'driver', 'bumd')
  @ApiOperation({ summary: 'A shipment with its lines, checkpoints and delivery' })
  async get(
    @Param('id', uuid) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ShipmentView> {
    return this.queries.get(id, actor);
  }

  @Post(':id/loading')
  @HttpCode(200)
  @Roles('btc-operator', 'platform-admin', 'driver')
  @ApiOperation({ summary: 'Loading started at BTC' })
  async loading(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    await this.track.startLoading(id, actor);
    return this.queries.get(id, actor);
  }

  @Post(':id/depart')
  @HttpCode(200)
  @Roles('btc-operator', 'platform-admin', 'driver')
  @ApiOperation({ summary: 'The load left BTC; ETA = departure + transit; emits departed' })
  async depart(
    @Param('id', uuid) id: string,
    @Body() body: AtTimeDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    await this.track.depart(id, at(body), actor);
    return this.queries.get(id, actor);
  }

  @Post(':id/checkpoints')
  @HttpCode(200)
  @Roles('btc-operator', 'platform-admin', 'driver')
  @ApiOperation({ summary: 'A checkpoint passed; the ETA is recomputed; emits checkpoint' })
  async checkpoint(
    @Param('id', uuid) id: string,
    @Body() body: CheckpointDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    await this.track.checkpoint(id, body.checkpoint, body.kmFromOrigin, at(body), actor);
    return this.queries.get(id, actor);
  }

  @Post(':id/arrive')
  @HttpCode(200)
  @Roles('btc-operator', 'platform-admin', 'driver')
  @ApiOperation({ summary: 'The load reached its destination' })
  async arrive(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    await this.track.arrive(id, actor);
    return this.queries.get(id, actor);
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @Roles('btc-operator', 'platform-admin', 'driver', 'bumd')
  @ApiOperation({
    summary: 'Signed receipt: received and rejected quantity per line (the BUMD confirms its own)',
  })
  async deliver(
    @Param('id', uuid) id: string,
    @Body() body: DeliverDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    const lines = body.lines.map((l) => ({ ...l, rejectionReason: l.rejectionReason ?? null }));
    await this.track.deliver(id, lines, at(body), actor);
    return this.queries.get(id, actor);
  }

  @Post(':id/fail')
  @HttpCode(200)
  @Roles('btc-operator', 'platform-admin', 'driver')
  @ApiOperation({ summary: 'The load will not arrive; its orders wait for a new plan' })
  async fail(
    @Param('id', uuid) id: string,
    @Body() body: FailDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    await this.track.fail(id, body.reason, at(body), actor);
    return this.queries.get(id, actor);
  }
}
