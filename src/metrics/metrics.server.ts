import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsConfig } from './metrics.config';
import { MetricsService } from './metrics.service';

/**
 * `GET /metrics` on a listener of its own (METRICS_HOST:METRICS_PORT,
 * loopback by default), never on the API's port: Prometheus scrapes it
 * without a key, and the network decides who may reach it. Off unless
 * METRICS_PORT is set.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    @Inject(metricsConfig.KEY) private readonly config: ConfigType<typeof metricsConfig>,
    private readonly metrics: MetricsService,
  ) {}

  /** `http://host:port/metrics` once listening; undefined when metrics are off. */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}/metrics`;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.port === undefined) return;
    const server = createServer((request, response) => void this.answer(request, response));
    const { host, port } = this.config;
    await new Promise<void>((listening, failed) => {
      server.once('error', (error) =>
        failed(new Error(`Metrics listener on ${host}:${port} (METRICS_PORT): ${error.message}`)),
      );
      server.listen(port, host, () => {
        server.removeAllListeners('error');
        listening();
      });
    });
    this.server = server;
    this.logger.log(`Metrics at ${this.url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise((done) => server.close(done));
    server.closeAllConnections();
    await closed;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return void response.writeHead(404).end('Not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return void response.writeHead(405, { Allow: 'GET, HEAD' }).end('Method not allowed\n');
    }
    try {
      const { contentType, body } = await this.metrics.scrape();
      response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error(`Collecting metrics failed: ${String(error)}`);
      response.writeHead(500).end('Collecting metrics failed\n');
    }
  }
}
