/** What changed, by id only: never a token or a hash (SPEC section 9). */
export type Change = { type: 'key'; id: string } | { type: 'user'; id: string };

/** Tells a stream's reader to drop everything it cached: changes may have been missed. */
export interface Reset {
  type: 'reset';
}

/** One event of the change stream: `id` is its SSE id, `<epoch>-<sequence>`. */
export interface ChangeEvent {
  id: string;
  data: Change | Reset;
}

/** How many events a stream can be resumed across (Last-Event-ID). */
export const HISTORY_SIZE = 1000;

/**
 * The recent changes, in order, for resuming streams. Sequence numbers count
 * up within an epoch; every event after `coveredFrom` of the current epoch
 * is held, so a reader that saw up to there misses nothing by resuming.
 * Anything else (another epoch, an id older than that, a malformed id) means
 * a reset.
 */
export class ChangeHistory {
  private epoch: string | null = null;
  private coveredFrom = 0;
  private lastSequence = 0;
  private readonly events: { sequence: number; event: ChangeEvent }[] = [];

  constructor(private readonly size = HISTORY_SIZE) {}

  /** Forgets everything: from now on, only events after `sequence` of `epoch` will be held. */
  restart(epoch: string | null, sequence: number): void {
    this.epoch = epoch;
    this.coveredFrom = this.lastSequence = sequence;
    this.events.length = 0;
  }

  /** The id of the latest event, which a reset carries. */
  get position(): string {
    return `${this.epoch ?? '0'}-${this.lastSequence}`;
  }

  /** The id for the next event numbered here (without Redis). */
  get nextId(): string {
    return `${this.epoch ?? '0'}-${this.lastSequence + 1}`;
  }

  /**
   * Holds the event with this id. False, holding nothing, when it does not
   * follow on from the latest one (a new epoch, or a gap): the history has
   * then restarted just before it, readers must be reset, and the event
   * recorded again.
   */
  record(id: string, change: Change): boolean {
    const parsed = parseEventId(id);
    if (!parsed) return true; // not ours to number: not held, nothing to resume across
    if (parsed.epoch !== this.epoch || parsed.sequence !== this.lastSequence + 1) {
      this.restart(parsed.epoch, parsed.sequence - 1);
      return false;
    }
    this.events.push({ sequence: parsed.sequence, event: { id, data: change } });
    this.lastSequence = parsed.sequence;
    if (this.events.length > this.size) this.coveredFrom = this.events.shift()!.sequence;
    return true;
  }

  /** The events after `lastEventId`, or null when they are not all held. */
  since(lastEventId: string): ChangeEvent[] | null {
    const parsed = parseEventId(lastEventId);
    if (!parsed || parsed.epoch !== this.epoch) return null;
    if (parsed.sequence < this.coveredFrom || parsed.sequence > this.lastSequence) return null;
    return this.events.filter((held) => held.sequence > parsed.sequence).map((held) => held.event);
  }
}

function parseEventId(id: string): { epoch: string; sequence: number } | null {
  const match = /^([0-9a-z]{1,32})-(\d{1,15})$/.exec(id);
  return match ? { epoch: match[1], sequence: Number(match[2]) } : null;
}
