import { createServer, Server, Socket, connect } from 'node:net';

/** A local port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Link {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy in the test process, so a test can take a server "down" and
 * bring it back without touching the shared server itself: `cut` drops every
 * connection (the server is gone), `stall` keeps them open but forwards
 * nothing (a hung proxy or network: no reset, no answer).
 */
export class TcpProxy {
  private server?: Server;
  private readonly links = new Set<Link>();
  private stalled = false;

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** A proxy on a free local port, not yet accepting connections. */
  static async create(target: { host: string; port: number }): Promise<TcpProxy> {
    return new TcpProxy(await freePort(), target);
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const link = { client, upstream: connect(this.target.port, this.target.host) };
      this.links.add(link);
      for (const socket of [link.client, link.upstream]) {
        socket.on('close', () => this.links.delete(link));
        socket.on('error', () => socket.destroy());
      }
      if (!this.stalled) forward(link);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Refuses new connections and drops every open one. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const { client, upstream } of this.links) {
      client.destroy();
      upstream.destroy();
    }
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /** Stops forwarding in both directions; connections, old and new, stay open and silent. */
  stall(): void {
    this.stalled = true;
    for (const link of this.links) hold(link);
  }

  /** Forwards again, including what was sent during the stall. */
  resume(): void {
    this.stalled = false;
    for (const link of this.links) forward(link);
  }
}

function forward({ client, upstream }: Link): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

function hold({ client, upstream }: Link): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
