import {
  Body,
  Controller,
  Get,
  Headers,
  Inject,
  Param,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppError, CurrentPrincipal, type Principal, Roles } from '@simpul/platform';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ORDERS_ERRORS } from '../../application/orders-error-codes';
import { BumdFeedQueries, type FeedEvent } from '../../application/subscriptions/bumd-feed.queries';
import {
  WEBHOOK_SETTINGS,
  type WebhookSettings,
} from '../../application/subscriptions/webhook-settings';
import { EventTopicRequestDto, FeedPageQueryDto, FeedQueryDto } from './dto/webhooks.dto';
import { SseStreams } from './sse-streams';

const STREAM_BATCH = 500;

/** A BUMD's own events: as pages, as a server-sent event stream, and on its own Kafka topic. */
@ApiTags('events')
@Controller()
export class BumdEventsController {
  constructor(
    private readonly feed: BumdFeedQueries,
    private readonly streams: SseStreams,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  @Get('events')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({
    summary: "A page of the BUMD's events after a number, oldest first (poll with the last `seq`)",
  })
  async page(@Query() query: FeedPageQueryDto, @CurrentPrincipal() actor: Principal) {
    const buyerId = await this.feed.feedOwner(actor, query.buyerId);
    const events = await this.feed.page(buyerId, {
      afterSeq: query.after ?? 0,
      limit: query.limit ?? 100,
      types: query.types,
      includeReplays: query.includeReplays ?? false,
    });
    return {
      buyerId,
      events: events.map(({ body, ...meta }) => ({ ...meta, event: JSON.parse(body) as unknown })),
      lastSeq: events.length ? events[events.length - 1].seq : (query.after ?? 0),
    };
  }

  @Get('events/stream')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event number; without it the stream starts with new events',
  })
  @ApiOperation({
    summary:
      "Server-sent events of the BUMD's own orders, requests and shipments: `id` is the event's number in the BUMD's feed, `event` its type, `data` the envelope; a comment line every heartbeat",
  })
  async stream(
    @Query() query: FeedQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const buyerId = await this.feed.feedOwner(actor, query.buyerId);
    let after = await this.startAfter(buyerId, lastEventId);
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.streams.add(response);
    let open = true;
    request.once('close', () => (open = false));
    response.once('close', () => (open = false));
    const write = async (text: string) => {
      if (!response.write(text)) {
        await new Promise<void>((resolve) => {
          response.once('drain', resolve);
          response.once('close', resolve);
        });
      }
    };
    await write(`retry: 2000\n: simpul events of ${buyerId}, after ${after}\n\n`);
    let lastWrite = Date.now();
    while (open && !response.writableEnded) {
      let events: FeedEvent[] = [];
      try {
        events = await this.feed.page(buyerId, {
          afterSeq: after,
          limit: STREAM_BATCH,
          types: query.types,
          includeReplays: query.includeReplays ?? false,
        });
      } catch {
        // The database is away for a moment: keep the stream, try again at the next poll.
      }
      for (const event of events) {
        if (!open) break;
        await write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${event.body}\n\n`);
        after = event.seq;
        lastWrite = Date.now();
      }
      if (events.length === STREAM_BATCH) continue;
      if (Date.now() - lastWrite >= this.settings.sseHeartbeatMs) {
        await write(`: heartbeat ${new Date().toISOString()}\n\n`);
        lastWrite = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, this.settings.ssePollMs));
    }
    if (!response.writableEnded) response.end();
  }

  @Get('buyers/:buyerId/event-topic')
  @Roles('bumd', 'btc-operator', 'platform-admin')
  @ApiOperation({ summary: "Whether the BUMD's own Kafka topic is fed, and its name" })
  async topic(@Param('buyerId') buyerId: string, @CurrentPrincipal() actor: Principal) {
    return this.feed.topicState(await this.feed.feedOwner(actor, buyerId));
  }

  @Put('buyers/:buyerId/event-topic')
  @Roles('btc-operator', 'platform-admin')
  @ApiOperation({
    summary:
      "Feed (or stop feeding) the BUMD's own Kafka topic; the operator then grants the BUMD's principal read on it (docs/bumd-developers.md)",
  })
  async setTopic(
    @Param('buyerId') buyerId: string,
    @Body() body: EventTopicRequestDto,
    @CurrentPrincipal() actor: Principal,
  ) {
    return this.feed.setTopic(await this.feed.feedOwner(actor, buyerId), body.enabled);
  }

  private async startAfter(buyerId: string, lastEventId: string | undefined): Promise<number> {
    if (lastEventId === undefined || lastEventId === '') return this.feed.lastSeq(buyerId);
    if (!/^\d{1,15}$/.test(lastEventId)) {
      throw new AppError(
        ORDERS_ERRORS.lastEventIdInvalid,
        `Last-Event-ID must be an event number from this stream (digits), got "${lastEventId.slice(0, 40)}"`,
        400,
      );
    }
    return Number(lastEventId);
  }
}
