import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@simpul/platform';
import { WebhookDeliveriesService } from '../../application/subscriptions/webhook-deliveries.service';
import { WebhookSubscriptionsService } from '../../application/subscriptions/webhook-subscriptions.service';
import {
  BuyerQueryDto,
  CreateSubscriptionRequestDto,
  ListDeliveriesQueryDto,
  RotateSecretRequestDto,
} from './dto/webhooks.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Post('subscriptions')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({
    summary:
      "Register an endpoint for the BUMD's own events; the answer shows the signing secret once",
  })
  async create(@Body() body: CreateSubscriptionRequestDto, @CurrentPrincipal() actor: Principal) {
    return this.subscriptions.create(body, actor);
  }

  @Get('subscriptions')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Webhook subscriptions with their queue counts (a BUMD sees its own)' })
  async list(@Query() query: BuyerQueryDto, @CurrentPrincipal() actor: Principal) {
    return this.subscriptions.list(actor, query.buyerId);
  }

  @Get('subscriptions/:id')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'A subscription: status, why it is paused, queue counts' })
  async get(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    return this.subscriptions.get(id, actor);
  }

  @Post('subscriptions/:id/pause')
  @HttpCode(200)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Stop sending; events keep being queued' })
  async pause(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    return this.subscriptions.pause(id, actor);
  }

  @Post('subscriptions/:id/resume')
  @HttpCode(200)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({
    summary:
      'Send again: everything queued, in order, including deliveries that had run out of retries',
  })
  async resume(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    return this.subscriptions.resume(id, actor);
  }

  @Post('subscriptions/:id/rotate-secret')
  @HttpCode(200)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({
    summary: 'New signing secret (shown once); the previous one also signs for 24 hours',
  })
  async rotate(
    @Param('id', uuid) id: string,
    @Body() body: RotateSecretRequestDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    return this.subscriptions.rotateSecret(id, actor, body.secret);
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Delete; what was still queued for it is cancelled' })
  async remove(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    await this.subscriptions.delete(id, actor);
  }

  @Get('subscriptions/:id/deliveries')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Delivery log, newest first: attempts, last response code, last error' })
  async deliveryLog(
    @Param('id', uuid) id: string,
    @Query() query: ListDeliveriesQueryDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    return this.deliveries.list(id, actor, { ...query, limit: query.limit ?? 50 });
  }

  @Get('deliveries/:id')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'One delivery with every attempt' })
  async delivery(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    return this.deliveries.get(id, actor);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(202)
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: 'Send a delivery again now (with a fresh retry period)' })
  async redeliver(@Param('id', uuid) id: string, @CurrentPrincipal() actor: Principal) {
    return this.deliveries.redeliver(id, actor);
  }
}
