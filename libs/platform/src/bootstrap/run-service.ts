import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
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
  const app = await NestFactory.create(definition.module(config), { logger });
  app.useGlobalFilters(new ErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // inheritAppConfig: the error filter also hands event handlers' errors back to the consumer.
  app.connectMicroservice(
    {
      strategy: new KafkaEventServer({
        kafka: app.get(KAFKA),
        dataSource: app.get(DataSource),
        publisher: app.get(EventPublisher),
        namer: app.get(TopicNamer),
        groupId: `simpul.${definition.name}`,
        logger,
      }),
    },
    { inheritAppConfig: true },
  );
  const document = new DocumentBuilder()
    .setTitle(`simpul ${definition.name}`)
    .setDescription(definition.description)
    .setVersion('1')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
  return app;
}

/** Starts consumers, then HTTP. */
export async function startServiceApp(app: INestApplication, config: BaseServiceConfig): Promise<void> {
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
}

/** Process entry point: validate the environment, start, and exit non-zero with a reason on failure. */
export async function runService<C extends BaseServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  let config: C;
  try {
    config = loadConfig(definition.configClass);
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
    process.stderr.write(`${JSON.stringify({ level: 'fatal', context: definition.name, message: 'refusing to start: invalid environment', problems })}\n`);
    process.exit(1);
  }
  try {
    const app = await createServiceApp(definition, config);
    await startServiceApp(app, config);
    createJsonLogger(definition.name, config.LOG_LEVEL).log(`ready on http://${config.HOST}:${config.PORT} (docs at /docs)`);
  } catch (error) {
    process.stderr.write(`${JSON.stringify({ level: 'fatal', context: definition.name, message: 'failed to start', error: (error as Error).message })}\n`);
    process.exit(1);
  }
}
