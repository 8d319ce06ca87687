import type { ExecutionContext } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import type { KeyTier } from '../domain/key-tier';
import type { Principal } from '../domain/principal';

/** Who a request is counted against: its key, or its client address when it has no valid key. */
export type RateLimitSubject =
  { kind: 'key'; id: string; tier: KeyTier } | { kind: 'ip'; ip: string };

export interface RateLimits {
  limits: Record<KeyTier, number>;
  anonymous: number;
}

/** Requests allowed per window: the key's tier limit, or the anonymous per-IP limit. */
export function limitFor(subject: RateLimitSubject, limits: RateLimits): number {
  return subject.kind === 'key' ? limits.limits[subject.tier] : limits.anonymous;
}

/**
 * The counter's name, the same on every route and every instance, so that a
 * key has one budget. IPv6 clients are counted per /64, since one host
 * usually holds a whole /64 and could otherwise rotate addresses for free.
 */
export function counterKey(subject: RateLimitSubject): string {
  return subject.kind === 'key' ? `key:${subject.id}` : `ip:${normalizeIp(subject.ip)}`;
}

/** The request's key when authentication found a valid one, its client address otherwise. */
export function subjectOf(request: { ip: string; principal?: Principal }): RateLimitSubject {
  const key = request.principal?.key;
  return key ? { kind: 'key', id: key.id, tier: key.tier } : { kind: 'ip', ip: request.ip };
}

/** The subject of the HTTP request a guard or throttler option is looking at. */
export function subjectOfContext(context: ExecutionContext): RateLimitSubject {
  return subjectOf(context.switchToHttp().getRequest<{ ip: string; principal?: Principal }>());
}
