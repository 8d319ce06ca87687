import { request, type ClientRequest, type IncomingMessage } from 'node:http';

/** One Server-Sent Event as a reader sees it. */
export interface StreamEvent {
  id?: string;
  data: unknown;
}

/**
 * A raw reader of an event stream (no EventSource library, so that the test
 * sees the bytes the server sends): the events in order, the comment lines,
 * and all the text received, for checking that no secret is in it.
 */
export class EventStreamReader {
  readonly comments: string[] = [];
  text = '';
  private readonly events: StreamEvent[] = [];
  private waiting?: () => void;
  private ended = false;

  private constructor(
    private readonly req: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    let pending = '';
    response.on('data', (chunk: string) => {
      this.text += chunk;
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        this.parse(pending.slice(0, end));
        pending = pending.slice(end + 2);
      }
      this.waiting?.();
    });
    response.on('end', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  /** Opens the stream; resolves with the response's head (status, headers) received. */
  static open(baseUrl: string, key: string, lastEventId?: string): Promise<EventStreamReader> {
    return new Promise((resolve, reject) => {
      const req = request(new URL('/api/v1/keys/changes', baseUrl), {
        headers: {
          Authorization: `Bearer ${key}`,
          Accept: 'text/event-stream',
          ...(lastEventId !== undefined && { 'Last-Event-ID': lastEventId }),
        },
      });
      req.on('response', (response) => resolve(new EventStreamReader(req, response)));
      req.on('error', reject);
      req.end();
    });
  }

  get status(): number {
    return this.response.statusCode!;
  }

  /** The whole body, once the server ended the response (for error answers). */
  async body(): Promise<unknown> {
    while (!this.ended) await this.wait();
    return JSON.parse(this.text);
  }

  /** The next event, waiting for it if need be. */
  async next(): Promise<StreamEvent> {
    while (this.events.length === 0) {
      if (this.ended) throw new Error('The stream ended before the next event');
      await this.wait();
    }
    return this.events.shift()!;
  }

  /** True once the server has ended the stream. */
  async end(): Promise<void> {
    while (!this.ended) await this.wait();
  }

  close(): void {
    this.req.destroy();
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private parse(block: string): void {
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    if (data.length > 0) this.events.push({ id, data: JSON.parse(data.join('\n')) });
  }
}
