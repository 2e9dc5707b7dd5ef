/**
 * The process has begun to stop (SIGTERM, SIGINT): asked by main.ts and the demo before the HTTP
 * server drains, so that a request that could outlast the drain's grace (an import of a large
 * file) ends early with a whole answer — what is final, what to send again — instead of being cut
 * off mid-document when the grace runs out (found by an operations review).
 */
import { Injectable } from '@nestjs/common';

@Injectable()
export class Shutdown {
  private readonly controller = new AbortController();
  readonly signal: AbortSignal = this.controller.signal;

  begin(): void {
    this.controller.abort();
  }
}
