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
import { PERMISSION_TABLE } from '../auth/permission-lookup';
import { type PermissionTable, withPermissions } from '../auth/permissions';
import { CSV_BODY_LIMIT } from '../limits/limits';
import { httpMetricsMiddleware } from '../metrics/metrics.module';

export interface ServiceDefinition<C extends BaseServiceConfig> {
  /** Short name: catalog, orders, logistics, pricing. */
  name: string;
  description: string;
  configClass: new () => C;
  module: (config: C) => DynamicModule;
}

const EVENT_SERVERS = new WeakMap<INestApplication, KafkaEventServer>();

/** Builds the hybrid app (HTTP + Kafka events), ready to `start`. */
export async function createServiceApp<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<INestApplication> {
  const logger = createJsonLogger(definition.name, config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(definition.module(config), {
    logger,
  });
  app.use(httpMetricsMiddleware);
  // Body size limits: JSON up to HTTP_JSON_BODY_LIMIT (1 MB by default); CSV imports (pricing)
  // come as the raw request body, up to 20 MB. Larger bodies get 413 PAYLOAD_TOO_LARGE.
  app.useBodyParser('json', { limit: config.HTTP_JSON_BODY_LIMIT });
  app.useBodyParser('text', { type: 'text/csv', limit: CSV_BODY_LIMIT });
  app.useGlobalFilters(new ErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  // inheritAppConfig: the error filter also hands event handlers' errors back to the consumer.
  const events = new KafkaEventServer({
    kafka: app.get(KAFKA),
    dataSource: app.get(DataSource),
    publisher: app.get(EventPublisher),
    namer: app.get(TopicNamer),
    groupId: config.KAFKA_GROUP_ID ?? `simpul.${definition.name}`,
    logger,
    replayAll: config.SANDBOX_MODE,
  });
  app.connectMicroservice({ strategy: events }, { inheritAppConfig: true });
  EVENT_SERVERS.set(app, events);
  const document = new DocumentBuilder()
    .setTitle(`simpul ${definition.name}`)
    .setDescription(definition.description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const permissions = app.get<PermissionTable>(PERMISSION_TABLE, { strict: false });
  SwaggerModule.setup('docs', app, () =>
    withPermissions(SwaggerModule.createDocument(app, document), permissions),
  );
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
  exitLoudlyOnCrash(definition.name);
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

/**
 * An error nothing caught (an 'error' event without a listener, a rejected promise nobody awaited)
 * still ends the process, as Node does by default — its state can no longer be trusted, and the
 * orchestrator restarts it — but first says why in the structured log, with the stack.
 */
function exitLoudlyOnCrash(service: string): void {
  process.on('uncaughtExceptionMonitor', (error, origin) => {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', context: service, message: `process ending: ${origin}`, error: error?.message, stack: error?.stack })}\n`,
    );
  });
}

const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Stops the app in the order that loses nothing: first the event consumers (the batch in hand is
 * applied and its offsets committed; nothing new is taken), then the app — destroy hooks stop the
 * other consumers and scheduled tasks, the outbox relay drains what they wrote, the HTTP server
 * closes, and the database last.
 */
export async function stopServiceApp(app: INestApplication): Promise<void> {
  await EVENT_SERVERS.get(app)?.close();
  await app.close();
}

/** SIGTERM/SIGINT: stop as {@link stopServiceApp} does, then exit 0 (1 if it took over 15 s). */
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
    await stopServiceApp(app);
    logger.log('stopped cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}
