import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { concat, defer, firstValueFrom, Observable, of, Subject, takeUntil, timeout } from 'rxjs';
import { ApiError } from '../common/api-error';
import { RedisConnection } from '../redis/redis-connection';
import { Change, ChangeEvent, ChangeHistory, Reset } from './change';

/** Suffixes of the Redis names shared by the instances (under the URL's keyPrefix). */
const CHANNEL = 'latchkey:changes';
const EPOCH_KEY = 'latchkey:changes:epoch';
export const SEQUENCE_KEY = 'latchkey:changes:sequence';
/** How long start-up waits for the subscription before serving without it. */
const SYNC_WAIT_MS = 2000;
const SYNC_RETRY_MS = 250;

/**
 * Numbers a change and announces it in one step, so that every instance
 * hears the changes in the order of their ids. KEYS: epoch, sequence;
 * ARGV: channel, a new epoch in case Redis lost it, the change as JSON.
 */
const ANNOUNCE = `
local epoch = redis.call('GET', KEYS[1])
if not epoch then epoch = ARGV[2]; redis.call('SET', KEYS[1], epoch) end
local id = epoch .. '-' .. redis.call('INCR', KEYS[2])
redis.call('PUBLISH', ARGV[1], id .. ' ' .. ARGV[3])
return id`;

const newEpoch = () => BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36);

/**
 * The one bus of "a key or a user changed" (by id), after the change is
 * committed. Consumers: the key cache, which evicts what changed
 * (`changed$`), and the change stream of SPEC section 9 (`stream()`).
 *
 * Without REDIS_URL the changes are this instance's own, numbered here
 * under an epoch drawn at start. With it every change is numbered by Redis
 * (one epoch and sequence for all instances, so a reader may resume on any
 * of them) and reaches every instance through one subscription. While that
 * subscription is down, changes made elsewhere are missed: the bus is not
 * `isLive`, readers are cut off, and on reconnection every consumer is told
 * to start afresh (`{type: 'reset'}`).
 */
@Injectable()
export class ChangesService
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Changes');
  /** Every change as soon as this instance knows of it, and resets; for caches. */
  readonly changed$ = new Subject<Change | Reset>();
  /** The numbered events, in order; for streams. */
  private readonly events$ = new Subject<ChangeEvent>();
  /** Ends every open stream (the bus stopped being live, or the app is closing). */
  readonly cutOff$ = new Subject<void>();
  private readonly history = new ChangeHistory();
  private readonly channel: string;
  private subscriber?: Redis;
  private synced = false;

  constructor(private readonly redis: RedisConnection) {
    this.channel = `${redis.client?.options.keyPrefix ?? ''}${CHANNEL}`;
    if (!redis.client) {
      this.history.restart(newEpoch(), 0);
      this.synced = true;
    }
  }

  /** Subscribes, and waits briefly for it, so that streams and the cache work from the first request. */
  async onModuleInit(): Promise<void> {
    if (!this.redis.client) return;
    const subscriber = this.redis.client.duplicate({ enableOfflineQueue: true });
    this.subscriber = subscriber;
    subscriber.on('ready', () => void this.sync());
    subscriber.on('close', () => this.lose());
    subscriber.on('error', () => undefined); // RedisConnection already reports outages.
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    subscriber.subscribe(this.channel).catch(() => undefined);
    await firstValueFrom(this.changed$.pipe(timeout({ first: SYNC_WAIT_MS }))).catch(
      () => undefined,
    );
  }

  beforeApplicationShutdown(): void {
    this.cutOff$.next(); // open streams would otherwise hold the server's close up
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect(false);
  }

  /** True while every change, here or elsewhere, reaches this instance. */
  get isLive(): boolean {
    return this.synced && (!this.subscriber || this.subscriber.status === 'ready');
  }

  /** Call after committing a change: evicts here at once, then announces it everywhere. */
  async publish(change: Change): Promise<void> {
    this.changed$.next(change);
    const client = this.redis.client;
    if (!client) {
      this.emit(this.history.nextId, change);
      return;
    }
    try {
      const args = [this.channel, newEpoch(), JSON.stringify(change)];
      await client.eval(ANNOUNCE, 2, EPOCH_KEY, SEQUENCE_KEY, ...args);
    } catch (error) {
      // The other instances' subscriptions are then most likely cut off too, and they start afresh.
      this.logger.warn(`Could not tell other instances of a change: ${(error as Error).message}`);
      this.resetStreams();
    }
  }

  /**
   * The events for one reader, from now on, after a resumed stream's missed
   * events (or a reset when they are no longer all known); it ends when the
   * bus stops being live. 503 while it is not.
   */
  stream(lastEventId?: string): Observable<ChangeEvent> {
    if (!this.isLive) {
      throw ApiError.serviceUnavailable(
        'Changes made on other instances cannot be followed right now (Redis is unreachable); retry.',
      );
    }
    return defer(() => {
      // Read and subscribed in one tick: nothing falls between the history and the live events.
      const missed = lastEventId === undefined ? [] : this.history.since(lastEventId);
      const head = missed ?? [this.resetEvent()];
      return concat(of(...head), this.events$);
    }).pipe(takeUntil(this.cutOff$));
  }

  private receive(message: string): void {
    const space = message.indexOf(' ');
    let change: Change;
    try {
      change = JSON.parse(message.slice(space + 1)) as Change;
    } catch {
      return;
    }
    this.changed$.next(change);
    if (this.synced) this.emit(message.slice(0, space), change);
  }

  private emit(id: string, change: Change): void {
    if (!this.history.record(id, change)) {
      this.changed$.next({ type: 'reset' });
      this.resetStreams();
      this.history.record(id, change);
    }
    this.events$.next({ id, data: change });
  }

  /** Where the shared numbering stands, once (re)subscribed; everything before is forgotten. */
  private async sync(): Promise<void> {
    const client = this.redis.client!;
    try {
      await client.set(EPOCH_KEY, newEpoch(), 'NX');
      const [epoch, sequence] = await client.mget(EPOCH_KEY, SEQUENCE_KEY);
      this.history.restart(epoch, Number(sequence ?? 0));
      this.synced = true;
    } catch (error) {
      // Most likely the command connection is still reconnecting: not live until it answers.
      this.logger.warn(`Could not read the change numbering: ${(error as Error).message}`);
      setTimeout(() => {
        if (this.subscriber?.status === 'ready' && !this.synced) void this.sync();
      }, SYNC_RETRY_MS).unref();
    }
    this.changed$.next({ type: 'reset' });
  }

  /** The subscription dropped: changes made elsewhere will be missed until it is back. */
  private lose(): void {
    this.synced = false;
    this.changed$.next({ type: 'reset' });
    this.cutOff$.next();
  }

  /** Tells every open stream's reader to drop what it holds. */
  private resetStreams(): void {
    this.events$.next(this.resetEvent());
  }

  private resetEvent(): ChangeEvent {
    return { id: this.history.position, data: { type: 'reset' } };
  }
}
