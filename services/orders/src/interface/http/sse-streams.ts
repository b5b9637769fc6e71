import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

/** Open event streams, ended at shutdown so that the HTTP server can close at once. */
@Injectable()
export class SseStreams implements OnModuleDestroy {
  private readonly open = new Set<ServerResponse>();

  add(response: ServerResponse): void {
    this.open.add(response);
    response.once('close', () => this.open.delete(response));
  }

  get count(): number {
    return this.open.size;
  }

  onModuleDestroy(): void {
    for (const response of this.open) response.end();
    this.open.clear();
  }
}
