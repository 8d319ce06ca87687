/** The part of Nest's Logger an OutageLog writes to. */
export interface OutageLogger {
  warn(message: string): void;
  log(message: string): void;
}

/**
 * Logs one warning when the counter store goes away and one line when it is
 * back, however many requests and reconnection attempts fail in between.
 */
export class OutageLog {
  private down = false;

  constructor(
    private readonly logger: OutageLogger,
    private readonly what: string,
  ) {}

  get isDown(): boolean {
    return this.down;
  }

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      `${this.what} is unreachable (${reason}): requests are not rate-limited until it returns.`,
    );
  }

  recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`${this.what} is reachable again: rate limits are enforced.`);
  }
}
