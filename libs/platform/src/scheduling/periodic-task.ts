import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

/**
 * Work a service does on a schedule (expiry sweeps, dispatch planning, delay checks, clock
 * ticks, ceiling checks). A round never overlaps the previous one; a failed round is logged
 * and the next one retries; shutdown waits for the round in progress.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  protected constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly runAtStart = false,
  ) {
    this.logger = new Logger(name);
  }

  /** One round; what it returns is for callers that run it directly (tests, commands). */
  protected abstract round(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (this.runAtStart) this.trigger();
    this.timer = setInterval(() => this.trigger(), this.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private trigger(): void {
    this.running ??= this.round()
      .catch((error) =>
        this.logger.warn(
          `${this.name} failed, the next round retries: ${(error as Error).message}`,
        ),
      )
      .finally(() => (this.running = undefined));
  }
}
