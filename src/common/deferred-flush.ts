/**
 * A write that waits: `schedule()` runs `flush` `delayS` seconds later,
 * however often it is called until then, on a timer that never keeps the
 * process alive. The batch recorders' timer (last use, usage).
 */
export class DeferredFlush {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly flush: () => Promise<void>,
    private readonly delayS: number,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.delayS * 1000);
    this.timer.unref();
  }

  /** Forgets a scheduled flush: the caller is flushing now. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
