import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, parseBrokers } from '@simpul/messaging';
import { buildDataSourceOptions, type DataSourceSettings } from '@simpul/persistence';
import type { BaseServiceConfig } from '../config/base-service.config';
import { AuthModule } from '../auth/auth.module';
import { HealthModule } from '../health/health.module';

export interface ServiceCoreOptions {
  service: string;
  config: BaseServiceConfig;
  entities?: DataSourceSettings['entities'];
  migrations?: DataSourceSettings['migrations'];
}

/** What every service has: its database (with outbox and inbox), Kafka messaging, bearer-token auth and health endpoints. */
@Module({})
export class ServiceCoreModule {
  static forRoot({ service, config, entities, migrations }: ServiceCoreOptions): DynamicModule {
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
        AuthModule.forRoot({ secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER }),
        HealthModule,
      ],
    };
  }
}
