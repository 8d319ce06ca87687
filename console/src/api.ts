/** A client of Latchkey's public HTTP API (`/api/v1`), as any other would be. */
import type { UsagePoint } from './chart';

export interface Me {
  user: { id: string; name: string; role: string };
  key: {
    id: string;
    name: string;
    masked_key: string;
    tier: string;
    scopes: string[];
    expires_at: string | null;
  };
  grants: string[];
}

export interface ApiKey {
  id: string;
  name: string;
  masked_key: string;
  owner_id: string;
  scopes: string[];
  tier: Tier;
  status: 'active' | 'inactive';
  leaked_at: string | null;
  is_root: boolean;
  expires_at: string | null;
  expired: boolean;
  allowed_ips: string[];
  created_at: string;
  updated_at: string;
  last_used: string | null;
  last_used_ip: string | null;
}

export interface CreatedKey extends ApiKey {
  key: string;
}

export interface User {
  id: string;
  name: string;
  email: string | null;
  role: string;
  status: 'active' | 'disabled';
  created_at: string;
}

export interface AuditEvent {
  id: string;
  action: string;
  actor_user_id: string | null;
  actor_key_id: string | null;
  target_type: string;
  target_id: string | null;
  ip: string | null;
  at: string;
  details: Record<string, unknown>;
}

export interface Catalogue {
  scopes: string[];
  permissions: string[];
  admin_scope: string;
}

export interface CleanupCounts {
  expired: number;
  inactive: number;
  expired_and_inactive: number;
  /** With `unused_days`: keys with no successful use in that many days. */
  unused?: number;
}

export interface KeyUsage {
  key_id: string;
  granularity: 'hour' | 'day';
  series: UsagePoint[];
}

export interface Page<T> {
  data: T[];
  meta: { total: number; page: number; per_page: number };
}

export const TIERS = ['standard', 'premium', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];
export const ROLES = ['admin', 'manager', 'viewer', 'service', 'client'] as const;

/** An error answer: the envelope's fields, plus `Retry-After` for a 429. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; message: string }[] = [],
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }

  /** What to show: the envelope's message, and for a 429 when to retry. */
  describe(): string {
    if (this.status === 429 && this.retryAfterS !== null) {
      return `${this.message} Retry in ${this.retryAfterS} s.`;
    }
    return this.message;
  }
}

type Query = Record<string, string | number | undefined>;

export class Api {
  /** Called on every 401, after the request failed: the key is no longer good. */
  onUnauthorized: () => void = () => undefined;

  constructor(private readonly key: string) {}

  async request<T>(method: string, path: string, body?: unknown, query: Query = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(name, String(value));
    }
    const url = `/api/v1${path}${params.size > 0 ? `?${params.toString()}` : ''}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'The service could not be reached.');
    }
    const text = await response.text();
    const json: unknown = text === '' ? null : safeParse(text);
    if (!response.ok) {
      const error = envelope(json);
      const retryAfter = Number(response.headers.get('Retry-After'));
      const failure = new ApiError(
        response.status,
        error?.code ?? 'error',
        error?.message ?? `The service answered ${response.status}.`,
        error?.details ?? [],
        Number.isFinite(retryAfter) && response.headers.has('Retry-After') ? retryAfter : null,
      );
      if (response.status === 401) this.onUnauthorized();
      throw failure;
    }
    return json as T;
  }

  me = () => this.request<{ data: Me }>('GET', '/me').then((r) => r.data);
  catalogue = () => this.request<{ data: Catalogue }>('GET', '/scopes').then((r) => r.data);
  listKeys = (query: Query) => this.request<Page<ApiKey>>('GET', '/keys', undefined, query);
  createKey = (body: object) =>
    this.request<{ data: CreatedKey }>('POST', '/keys', body).then((r) => r.data);
  updateKey = (id: string, body: object) =>
    this.request<{ data: ApiKey }>('PATCH', `/keys/${id}`, body).then((r) => r.data);
  regenerateKey = (id: string, body: object) =>
    this.request<{ data: CreatedKey }>('POST', `/keys/${id}/regenerate`, body).then((r) => r.data);
  deleteKey = (id: string) => this.request<unknown>('DELETE', `/keys/${id}`);
  cleanupCounts = (query: Query) =>
    this.request<{ data: CleanupCounts }>('GET', '/keys/cleanup', undefined, query).then(
      (r) => r.data,
    );
  cleanup = (body: object, query: Query) =>
    this.request<{ data: { deleted: number } }>('POST', '/keys/cleanup', body, query).then(
      (r) => r.data,
    );
  keysUsage = (ids: string[], query: Query) =>
    this.request<{ data: KeyUsage[] }>('GET', '/keys/usage', undefined, {
      ...query,
      ids: ids.join(','),
    }).then((r) => r.data);
  keyUsage = (id: string, query: Query) =>
    this.request<{ data: KeyUsage }>('GET', `/keys/${id}/usage`, undefined, query).then(
      (r) => r.data,
    );
  listUsers = (query: Query) => this.request<Page<User>>('GET', '/users', undefined, query);
  createUser = (body: object) =>
    this.request<{ data: User }>('POST', '/users', body).then((r) => r.data);
  updateUser = (id: string, body: object) =>
    this.request<{ data: User }>('PATCH', `/users/${id}`, body).then((r) => r.data);
  listAuditEvents = (query: Query) =>
    this.request<Page<AuditEvent>>('GET', '/audit-events', undefined, query);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function envelope(
  json: unknown,
): { code?: string; message?: string; details?: { field: string; message: string }[] } | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  const error = json.error;
  return typeof error === 'object' && error !== null ? error : null;
}
