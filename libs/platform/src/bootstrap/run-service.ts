import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EventPublisher, KAFKA, KafkaEventServer, TopicNamer } from '@simpul/messaging';
import { DataSource } from 'typeorm';
import type { BaseServiceConfig } from '../config/base-service.config';
import { ConfigError, loadConfig } from '../config/load-config';
import { ErrorFilter } from '../errors/error.filter';
import { createValidationPipe } from '../errors/validation-pipe';
import { createJsonLogger } from '../logging/json-logger';

export interface ServiceDefinition<C extends BaseServiceConfig> {
  /** Short name: catalog, orders, logistics, pricing. */
  name: string;
  description: string;
  configClass: new () => C;
  module: (config: C) => DynamicModule;
}

/** Builds the hybrid app (HTTP + Kafka events), ready to `start`. */
export async function createServiceApp<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<INestApplication> {
  const logger = createJsonLogger(definition.name, config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(definition.module(config), {
    logger,
  });
  // CSV imports (pricing) come as the raw request body.
  app.useBodyParser('text', { type: 'text/csv', limit: '20mb' });
  app.useGlobalFilters(new ErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  // inheritAppConfig: the error filter also hands event handlers' errors back to the consumer.
  app.connectMicroservice(
    {
      strategy: new KafkaEventServer({
        kafka: app.get(KAFKA),
        dataSource: app.get(DataSource),
        publisher: app.get(EventPublisher),
        namer: app.get(TopicNamer),
        groupId: config.KAFKA_GROUP_ID ?? `simpul.${definition.name}`,
        logger,
      }),
    },
    { inheritAppConfig: true },
  );
  const document = new DocumentBuilder()
    .setTitle(`simpul ${definition.name}`)
    .setDescription(definition.description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
  return app;
}

/** Initialises (migrations, topics, relay), then starts consumers, then HTTP. */
export async function startServiceApp(
  app: INestApplication,
  config: BaseServiceConfig,
): Promise<void> {
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
}

/** Process entry point: validate the environment, start, and exit non-zero with a reason on failure. */
export async function runService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig(definition.configClass);
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', context: definition.name, message: 'refusing to start: invalid environment', problems })}\n`,
    );
    process.exit(1);
  }
  try {
    const app = await createServiceApp(definition, config);
    await startServiceApp(app, config);
    const logger = createJsonLogger(definition.name, config.LOG_LEVEL);
    logger.log(`ready on http://${config.HOST}:${config.PORT} (docs at /docs)`);
    stopOnSignals(app, logger);
  } catch (error) {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', context: definition.name, message: 'failed to start', error: (error as Error).message })}\n`,
    );
    process.exit(1);
  }
}

const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * SIGTERM/SIGINT: stop taking requests, stop consumers (offsets of applied events are committed),
 * let the outbox relay finish its batch, close the database, then exit 0.
 */
function stopOnSignals(
  app: INestApplication,
  logger: { log(message: string): void; error(message: string): void },
): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms, exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await app.close();
    logger.log('stopped cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}
