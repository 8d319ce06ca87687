import { Injectable } from '@nestjs/common';

/**
 * Whether the service is initialised: database connected and migrated, root
 * key in place. Until then protected routes answer 503, never 401 or 500.
 */
@Injectable()
export class ReadinessService {
  private ready = false;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  private readonly outcome = new Promise<void>(
    (resolve, reject) => (this.settle = { resolve, reject }),
  );

  constructor() {
    // A start-up failure is reported through whenReady(); never unhandled.
    this.outcome.catch(() => undefined);
  }

  get isReady(): boolean {
    return this.ready;
  }

  markReady(): void {
    this.ready = true;
    this.settle.resolve();
  }

  markFailed(error: Error): void {
    this.settle.reject(error);
  }

  /** Resolves once ready; rejects if start-up failed for good. */
  whenReady(): Promise<void> {
    return this.outcome;
  }
}
