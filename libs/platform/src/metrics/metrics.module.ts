import {
  Controller,
  type DynamicModule,
  Get,
  Header,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnModuleInit,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import type { SqlGaugeDefinition } from './sql-gauge';

const GAUGES = Symbol('SQL_GAUGES');
const SERVICE = Symbol('METRICS_SERVICE');

/** `GET /metrics`: Prometheus text format, open like the health checks (scrape inside the cluster). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('content-type', register.contentType)
  async metrics(): Promise<string> {
    return register.metrics();
  }
}

/**
 * Registers the process metrics (with a `service` label), the outbox backlog and the service's
 * domain gauges, each read from its database at scrape time. A failing query leaves the gauge at
 * its last value and logs once per failure streak, so a database hiccup never fails a scrape.
 */
@Injectable()
export class MetricsRegistrar implements OnModuleInit {
  private readonly logger = new Logger('Metrics');
  private failing = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE) private readonly service: string,
    @Inject(GAUGES) private readonly gauges: readonly SqlGaugeDefinition[],
  ) {}

  onModuleInit(): void {
    register.setDefaultLabels({ service: this.service });
    if (!register.getSingleMetric('simpul_node_process_cpu_seconds_total')) {
      collectDefaultMetrics({ prefix: 'simpul_node_' });
    }
    this.sqlGauge({
      name: 'simpul_outbox_backlog_events',
      help: 'Outbox rows not yet published to Kafka',
      query: 'SELECT count(*)::float8 AS value FROM outbox WHERE published_at IS NULL',
    });
    this.sqlGauge({
      name: 'simpul_outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      query:
        'SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS value FROM outbox WHERE published_at IS NULL',
    });
    for (const gauge of this.gauges) this.sqlGauge(gauge);
  }

  private sqlGauge(definition: SqlGaugeDefinition): void {
    if (register.getSingleMetric(definition.name)) return;
    const labelNames = [...(definition.labelNames ?? [])];
    const dataSource = this.dataSource;
    const onError = (error: unknown) => {
      if (!this.failing.has(definition.name)) {
        this.logger.warn(`${definition.name} not refreshed: ${(error as Error).message}`);
      }
      this.failing.add(definition.name);
    };
    const ok = () => this.failing.delete(definition.name);
    new Gauge({
      name: definition.name,
      help: definition.help,
      labelNames,
      async collect() {
        try {
          const rows = (await dataSource.query(definition.query)) as Record<string, unknown>[];
          this.reset();
          for (const row of rows) {
            const labels = Object.fromEntries(labelNames.map((l) => [l, String(row[l] ?? '')]));
            this.set(labels, Number(row['value'] ?? 0));
          }
          ok();
        } catch (error) {
          onError(error);
        }
      },
    });
  }
}

const httpSeconds = () =>
  (register.getSingleMetric('simpul_http_request_duration_seconds') as Histogram | undefined) ??
  new Histogram({
    name: 'simpul_http_request_duration_seconds',
    help: 'HTTP request latency, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: string } };

/** Express middleware: observes every request's latency under its route pattern (`/offers/:id`). */
export function httpMetricsMiddleware(
  request: RoutedRequest,
  response: ServerResponse,
  next: () => void,
): void {
  const histogram = httpSeconds();
  const end = histogram.startTimer();
  response.once('finish', () => {
    const route = request.route?.path
      ? `${request.baseUrl ?? ''}${request.route.path}`
      : 'unmatched';
    if (route === '/metrics') return;
    end({ method: request.method ?? '', route, status: String(response.statusCode) });
  });
  next();
}

@Module({})
export class MetricsModule {
  static forRoot(service: string, gauges: readonly SqlGaugeDefinition[] = []): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: SERVICE, useValue: service },
        { provide: GAUGES, useValue: gauges },
        MetricsRegistrar,
      ],
    };
  }
}
