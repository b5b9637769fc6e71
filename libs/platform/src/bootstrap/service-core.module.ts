import { EVENT_LOG_SERVICE, EventLogController } from '../event-log/event-log.controller';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, parseBrokers } from '@simpul/messaging';
import { buildDataSourceOptions, type DataSourceSettings } from '@simpul/persistence';
import type { BaseServiceConfig } from '../config/base-service.config';
import { AuthModule } from '../auth/auth.module';
import type { PermissionTable } from '../auth/permissions';
import { HealthModule } from '../health/health.module';
import { MetricsModule } from '../metrics/metrics.module';
import type { SqlGaugeDefinition } from '../metrics/sql-gauge';

export interface ServiceCoreOptions {
  service: string;
  config: BaseServiceConfig;
  entities?: DataSourceSettings['entities'];
  migrations?: DataSourceSettings['migrations'];
  /** Domain gauges for `/metrics`, read from the service's database when scraped. */
  gauges?: readonly SqlGaugeDefinition[];
  /** Who may call each HTTP route (`interface/http/permissions.ts` of the service). */
  permissions: PermissionTable;
}

/** What every service has: its database (with outbox and inbox), Kafka messaging, bearer-token auth, health endpoints and metrics. */
@Module({})
export class ServiceCoreModule {
  static forRoot({
    service,
    config,
    entities,
    migrations,
    gauges,
    permissions,
  }: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions({
            url: config.DATABASE_URL,
            applicationName: `simpul-${service}`,
            entities,
            migrations,
            poolSize: config.DB_POOL_SIZE,
            runMigrations: config.DB_MIGRATIONS_RUN,
          }),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        MessagingModule.forRoot({
          brokers: parseBrokers(config.KAFKA_BROKERS),
          clientId: config.KAFKA_CLIENT_ID ?? `simpul-${service}`,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          provisionTopics: config.KAFKA_PROVISION_TOPICS,
          relayEnabled: config.OUTBOX_RELAY_ENABLED,
        }),
        AuthModule.forRoot({
          secret: config.AUTH_JWT_SECRET,
          previousSecret: config.AUTH_JWT_PREVIOUS_SECRET,
          issuer: config.AUTH_JWT_ISSUER,
          permissions,
          rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
        }),
        HealthModule,
        MetricsModule.forRoot(service, gauges),
      ],
      controllers: [EventLogController],
      providers: [{ provide: EVENT_LOG_SERVICE, useValue: service }],
    };
  }
}
