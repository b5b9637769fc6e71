import { BaseServiceConfig, envBoolean, envNumber } from '@simpul/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, Max, Min } from 'class-validator';

export class OrdersConfig extends BaseServiceConfig {
  override PORT = 3002;

  /** How often the matching clock ticks for commodities with requests due to expire. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  MATCHING_CLOCK_TICK_MS = 30_000;

  /** Hours of loading at BTC before a truck leaves: matching counts them in the time to arrive. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber()
  @Min(0)
  @Max(48)
  MATCHING_LOADING_HOURS = 2;

  /** Webhook targets on loopback, private, link-local or other non-public addresses are refused unless true. */
  @Transform(envBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** Webhook URLs must be https unless false (plain http only for local receivers and tests). */
  @Transform(envBoolean)
  @IsBoolean()
  WEBHOOK_REQUIRE_HTTPS = true;

  /** Time a receiver has to answer one delivery (connect + response). */
  @Transform(envNumber)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 5_000;

  /** The first retry waits about this long; each next one about twice as long (with jitter). */
  @Transform(envNumber)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 10_000;

  /** The longest wait between two attempts. */
  @Transform(envNumber)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  WEBHOOK_RETRY_MAX_DELAY_MS = 3_600_000;

  /** How long a delivery keeps being retried before the subscription is paused (default 3 days). */
  @Transform(envNumber)
  @IsInt()
  @Min(100)
  @Max(30 * 86_400_000)
  WEBHOOK_RETRY_PERIOD_MS = 3 * 86_400_000;

  /** How often the dispatcher looks for deliveries that are due. */
  @Transform(envNumber)
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOK_POLL_MS = 200;

  /** Deliveries in flight at once per process (each to a different order, request or shipment). */
  @Transform(envNumber)
  @IsInt()
  @Min(1)
  @Max(512)
  WEBHOOK_CONCURRENCY = 32;

  /** Comment lines sent on an idle event stream so proxies and clients keep it open. */
  @Transform(envNumber)
  @IsInt()
  @Min(100)
  @Max(300_000)
  SSE_HEARTBEAT_MS = 15_000;

  /** How often an open event stream looks for new events. */
  @Transform(envNumber)
  @IsInt()
  @Min(10)
  @Max(60_000)
  SSE_POLL_MS = 500;
}
