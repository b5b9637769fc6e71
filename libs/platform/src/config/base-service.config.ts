import { Transform } from 'class-transformer';
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

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['true', '1', 'yes'].includes(String(value).toLowerCase())
      ? true
      : ['false', '0', 'no'].includes(String(value).toLowerCase())
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Environment every service reads. Each service extends it with its own variables and defaults;
 * the process refuses to start, naming the variable, when a value is wrong.
 */
export abstract class BaseServiceConfig {
  @Transform(toInt)
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

  @Transform(toBoolean)
  @IsBoolean()
  KAFKA_PROVISION_TOPICS = true;

  @Transform(toBoolean)
  @IsBoolean()
  OUTBOX_RELAY_ENABLED = true;

  @Transform(toBoolean)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /** HS256 secret shared by the services and the token issuer. */
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET: string;

  @IsString()
  @IsNotEmpty()
  AUTH_JWT_ISSUER = 'simpul';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'log';
}
