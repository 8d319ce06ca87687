import { MAX_VERIFY_BATCH, type Verdict, type VerifyRequest } from './key-verifier';

/** A verification waiting for its batch's answer; whoever sends the batch settles it. */
export interface PendingVerification {
  request: VerifyRequest;
  /** When it was asked (`performance.now()`), so that its timeout counts from then. */
  askedAt: number;
  resolve: (verdict: Verdict) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the verifications asked in one turn of the event loop into one
 * batch, sent when the turn ends (or at once when MAX_VERIFY_BATCH wait),
 * so that a service answering many requests at once makes one round trip
 * for them rather than one each. At most `maxInFlight` batches are out at
 * once; more verifications wait and leave together when one comes back, so
 * that under load the batches grow instead of the queue.
 */
export class VerificationBatches {
  private waiting: PendingVerification[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly maxInFlight: number,
    /** Sends one batch and settles every verification in it. */
    private readonly send: (batch: PendingVerification[]) => Promise<void>,
  ) {}

  add(request: VerifyRequest): Promise<Verdict> {
    return new Promise<Verdict>((resolve, reject) => {
      this.waiting.push({ request, askedAt: performance.now(), resolve, reject });
      if (this.waiting.length >= MAX_VERIFY_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.waiting.splice(0, MAX_VERIFY_BATCH);
      this.inFlight += 1;
      void this.send(batch)
        .catch((error: unknown) => batch.forEach((pending) => pending.reject(error)))
        .finally(() => {
          this.inFlight -= 1;
          this.flush();
        });
    }
  }
}
