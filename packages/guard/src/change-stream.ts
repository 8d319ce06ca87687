import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Agent, request } from 'undici';

const CHANGES_PATH = '/api/v1/keys/changes';
/** Latchkey sends a comment at least every 15 s: three missed mean the stream is dead. */
const DEFAULT_IDLE_TIMEOUT_MS = 45_000;
const DEFAULT_MAX_RETRY_DELAY_MS = 1000;

/** What Latchkey's change stream announces (SPEC section 9), by id only. */
export type Change = { type: 'key'; id: string } | { type: 'user'; id: string } | { type: 'reset' };

/** What the stream's changes act on: the guard's verdict cache. */
export interface ChangeListener {
  evictKey(keyId: string): void;
  evictOwner(ownerId: string): void;
  clear(): void;
}

export interface ChangeStreamConfig {
  url: string;
  serviceKey: string;
  idleTimeoutMs?: number;
  /** Reconnects wait 100 ms, doubling up to this. Default 1000, so a returning Latchkey is heard within about a second. */
  maxRetryDelayMs?: number;
}

/**
 * Subscribes to `GET /api/v1/keys/changes` (Server-Sent Events) with the
 * service's key and hands each change to the listener: a key's verdicts go
 * for `key`, an owner's for `user`, all of them for `reset`. Whenever the
 * stream goes up or down the listener is cleared, because changes may have
 * been missed in between; it reconnects with `Last-Event-ID` so that Latchkey
 * can say `reset` when it cannot replay what was missed. Emits `up`, `down`
 * (with the reason) and `change` (after the listener has acted).
 */
export class ChangeStream extends EventEmitter {
  private readonly logger = new Logger('LatchkeyGuard');
  private readonly agent = new Agent();
  private isUp = false;
  private lastEventId?: string;
  private failures = 0;
  private closed = false;
  private abort?: AbortController;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly config: ChangeStreamConfig,
    private readonly listener: ChangeListener,
  ) {
    super();
  }

  get up(): boolean {
    return this.isUp;
  }

  start(): void {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.abort?.abort();
    await this.agent.close();
  }

  private async connect(): Promise<void> {
    this.abort = new AbortController();
    try {
      const { statusCode, headers, body } = await request(new URL(CHANGES_PATH, this.config.url), {
        dispatcher: this.agent,
        method: 'GET',
        headers: {
          authorization: `Bearer ${this.config.serviceKey}`,
          accept: 'text/event-stream',
          ...(this.lastEventId !== undefined && { 'last-event-id': this.lastEventId }),
        },
        signal: this.abort.signal,
        bodyTimeout: this.config.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      });
      const type = String(headers['content-type'] ?? '');
      if (statusCode !== 200 || !type.startsWith('text/event-stream')) {
        await body.dump();
        throw new Error(`it answered ${statusCode} ${type}`);
      }
      this.failures = 0;
      this.setUp(true);
      for await (const event of serverSentEvents(body)) {
        if (event.id !== undefined) this.lastEventId = event.id;
        if (event.data !== undefined) this.apply(event.data);
      }
      throw new Error('the stream ended');
    } catch (error) {
      if (this.closed) return;
      this.setUp(false, error instanceof Error ? error.message : String(error));
      const delay = Math.min(
        100 * 2 ** this.failures,
        this.config.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
      );
      this.failures += 1;
      this.retryTimer = setTimeout(() => void this.connect(), delay);
    }
  }

  private apply(data: string): void {
    const change = parseChange(data);
    if (!change) return;
    if (change.type === 'key') this.listener.evictKey(change.id);
    else if (change.type === 'user') this.listener.evictOwner(change.id);
    else this.listener.clear();
    this.emit('change', change);
  }

  private setUp(up: boolean, reason?: string): void {
    const wasUp = this.isUp;
    this.isUp = up;
    // Up again or down: what was cached may have missed changes.
    if (up || wasUp) this.listener.clear();
    if (up) {
      this.logger.log(`Subscribed to Latchkey's key changes at ${this.config.url}.`);
      this.emit('up');
    } else {
      if (wasUp || this.failures === 0) {
        this.logger.warn(
          `Latchkey's change stream at ${this.config.url} is down (${reason}): keeping verdicts briefly until it is back.`,
        );
      }
      this.emit('down', reason);
    }
  }
}

function parseChange(data: string): Change | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  const { type, id } = (value ?? {}) as { type?: unknown; id?: unknown };
  if (type === 'reset') return { type };
  if ((type === 'key' || type === 'user') && typeof id === 'string') return { type, id };
  return undefined;
}

/** One dispatched event of an SSE stream: its `id:` if it had one, its `data:` lines joined. */
export interface ServerSentEvent {
  id?: string;
  data?: string;
}

/** The events of a `text/event-stream` body (WHATWG HTML, "Server-sent events"); comments are skipped. */
export async function* serverSentEvents(
  chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  let event: ServerSentEvent = {};
  for await (const chunk of chunks) {
    buffered += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    // Lines end in \n or \r\n (a lone \r, which the format also allows, is not used by Latchkey).
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.map((text) => text.replace(/\r$/, ''))) {
      if (line === '') {
        if (event.id !== undefined || event.data !== undefined) yield event;
        event = {};
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id' && !value.includes('\0')) event.id = value;
      else if (field === 'data')
        event.data = event.data === undefined ? value : `${event.data}\n${value}`;
    }
  }
}
