import { Transform } from 'class-transformer';
import { DEFAULT_JSON_BODY_LIMIT, DEFAULT_RATE_LIMIT_PER_MINUTE } from '../limits/limits';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

/** `@Transform(envBoolean)`: true/1/yes and false/0/no from the environment; anything else fails validation. */
export const envBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['true', '1', 'yes'].includes(String(value).toLowerCase())
      ? true
      : ['false', '0', 'no'].includes(String(value).toLowerCase())
        ? false
        : value;
/** `@Transform(envNumber)`: a number from the environment (unset or empty keeps the default). */
export const envNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Environment every service reads. Each service extends it with its own variables and defaults;
 * the process refuses to start, naming the variable, when a value is wrong.
 */
export abstract class BaseServiceConfig {
  @Transform(envNumber)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number;

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// URL naming the service database',
  })
  DATABASE_URL: string;

  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsOptional()
  @Matches(/^[a-zA-Z0-9._-]*$/, {
    message: 'KAFKA_TOPIC_PREFIX may hold letters, digits, dot, underscore and dash only',
  })
  KAFKA_TOPIC_PREFIX = '';

  @IsOptional()
  @IsString()
  KAFKA_CLIENT_ID?: string;

  /**
   * The consumer group (default `simpul.<service>`). A replica with its own group and database
   * reads every topic from the start: how projections are rebuilt and compared.
   */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9._-]{1,200}$/, {
    message: 'KAFKA_GROUP_ID may hold letters, digits, dot, underscore and dash only',
  })
  KAFKA_GROUP_ID?: string;

  @Transform(envBoolean)
  @IsBoolean()
  KAFKA_PROVISION_TOPICS = true;

  /**
   * A sandbox deployment (services on a `sandbox-<name>.` prefix fed by `simpul republish`):
   * every event it consumes counts as a replay, so the events it derives from replayed history
   * set off no side effects either (no dispatch, no webhooks).
   */
  @Transform(envBoolean)
  @IsBoolean()
  SANDBOX_MODE = false;

  @Transform(envBoolean)
  @IsBoolean()
  OUTBOX_RELAY_ENABLED = true;

  @Transform(envBoolean)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  @Transform(envNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /** HS256 secret shared by the services and the token issuer. */
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET: string;

  /**
   * During a rotation, the secret being retired: tokens it signed are still accepted, so clients
   * can move to tokens of the new secret without a window of 401s. Unset it when they have.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_PREVIOUS_SECRET must be at least 32 characters' })
  AUTH_JWT_PREVIOUS_SECRET?: string;

  @IsString()
  @IsNotEmpty()
  AUTH_JWT_ISSUER = 'simpul';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'log';

  /**
   * HTTP requests per client (the token's subject, else the remote address) per minute, in each
   * process; health and metrics are exempt. 0 turns limiting off (load tests and benches).
   */
  @Transform(envNumber)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE = DEFAULT_RATE_LIMIT_PER_MINUTE;

  /** Largest JSON request body, as `512kb` or `1mb`; larger bodies get 413 PAYLOAD_TOO_LARGE. */
  @Matches(/^\d+(kb|mb)$/, {
    message: 'HTTP_JSON_BODY_LIMIT must be a size such as 512kb or 1mb',
  })
  HTTP_JSON_BODY_LIMIT = DEFAULT_JSON_BODY_LIMIT;
}
