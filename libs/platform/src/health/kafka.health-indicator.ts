import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { KAFKA } from '@simpul/messaging';
import type { Admin, Kafka } from 'kafkajs';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Ready only when a broker answers a metadata request; the admin connection is reused between checks. */
@Injectable()
export class KafkaHealthIndicator implements OnModuleDestroy {
  private admin?: Admin;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      const cluster = await withTimeout(this.describe(), CHECK_TIMEOUT_MS);
      return indicator.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      await this.reset();
      return indicator.down({ message: (error as Error).message });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.reset();
  }

  private async describe() {
    if (!this.admin) {
      this.admin = this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
    }
    return this.admin.describeCluster();
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
