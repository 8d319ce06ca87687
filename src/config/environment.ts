import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { isValidAllowlistEntry } from '../domain/ip-allowlist';

const DEFAULT_SCOPES = [
  'read:assets',
  'write:assets',
  'read:scans',
  'write:scans',
  'read:findings',
  'write:findings',
  'read:actions',
  'write:actions',
  'read:playbooks',
  'write:playbooks',
  'read:webhooks',
  'write:webhooks',
];

/**
 * How long a cached key may be used without reading it again, when every
 * instance hears of changes. Changes made through the API evict at once
 * everywhere, so this bounds only what the API does not see (a row changed
 * by hand); long enough that keys in steady use are not read again and again.
 */
export const DEFAULT_KEY_CACHE_TTL_S = 300;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * TRUST_PROXY: how many proxies stand in front (`1`), or their addresses and
 * CIDRs; `false` or `0` for none. `true` stays a string for the validator to
 * refuse with its own reason.
 */
const toTrustProxy = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['false', 'no', 'off'].includes(v)) return 0;
  if (/^\d+$/.test(v)) return Number(v);
  if (['true', 'yes', 'on'].includes(v)) return value;
  return toList({ value });
};

/**
 * A hop count, or trusted proxies as addresses/CIDRs. Not `/0`: trusting
 * every address is `true`, under which a client writes its own address.
 */
function isTrustProxy(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0;
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (entry) => typeof entry === 'string' && isValidAllowlistEntry(entry) && !/\/0+$/.test(entry),
    )
  );
}

const IsTrustProxy = () =>
  ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: isTrustProxy,
      defaultMessage: (args) =>
        'must be the number of proxies in front of the service (e.g. 1) or their addresses/CIDRs' +
        (typeof args?.value === 'string'
          ? `; ${String(args.value)} is refused: it would trust any X-Forwarded-For a client writes`
          : ', comma-separated'),
    },
  });

/**
 * Every variable the service reads, with its default. Validated once per app
 * (configureApp, when the app is created) so that a bad value stops the
 * service at boot instead of surfacing as a strange error on some later request.
 */
export class EnvironmentVariables {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() @MinLength(1) HOST = '0.0.0.0';
  @IsString() @MinLength(1) DATA_DIR = './data';
  @IsOptional() @IsString() @MinLength(1) API_KEY_FILE?: string;

  @IsOptional()
  @Matches(/^(mysql|mariadb):\/\/.+/, {
    message: 'must be a mysql:// or mariadb:// URL (leave it unset for SQLite)',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'must be 1-16 letters, digits, "_" or "-"' })
  KEY_PREFIX = 'lk_';

  @Transform(toInt) @IsInt() @Min(1) @Max(100000) MAX_KEYS_PER_USER = 30;

  @Transform(toList)
  @Matches(/^[a-z][a-z0-9_.-]*:[a-z0-9_.*-]+$/, {
    each: true,
    message: 'must be a comma-separated list of scopes like read:assets',
  })
  SCOPES: string[] = DEFAULT_SCOPES;

  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_STANDARD = 100;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_PREMIUM = 1000;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_ENTERPRISE = 10000;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_ANONYMOUS = 60;
  @Transform(toInt) @IsInt() @Min(1) @Max(86400) RATE_LIMIT_WINDOW_S = 60;
  @Transform(toInt) @IsInt() @Min(0) @Max(86400) LAST_USED_WRITE_INTERVAL_S = 60;
  /** Each key's request counts (SPEC section 10) are written at most once per interval. */
  @Transform(toInt) @IsInt() @Min(0) @Max(86400) USAGE_WRITE_INTERVAL_S = 60;
  /** Hourly usage rows older than this many days are deleted. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650) USAGE_RETENTION_DAYS = 90;

  /** Unset: DEFAULT_KEY_CACHE_TTL_S, or 0 (off) on MySQL/MariaDB without REDIS_URL. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600) KEY_CACHE_TTL_S?: number;
  @Transform(toInt) @IsInt() @Min(0) @Max(10_000_000) KEY_CACHE_MAX_ENTRIES = 10_000;

  /** Hops (0 = none) or the trusted proxies' addresses/CIDRs, as Fastify's `trustProxy` takes them. */
  @Transform(toTrustProxy) @IsTrustProxy() TRUST_PROXY: number | string[] = 0;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Browser origins allowed to call the API; unset = no CORS headers at all. */
  @IsOptional()
  @Transform(toList)
  @Matches(/^https?:\/\/[^\s/?#*]+$/, {
    each: true,
    message: 'must be a comma-separated list of origins like https://app.example.com (no path)',
  })
  CORS_ORIGINS?: string[];

  /** Port of the separate /metrics listener; unset = no metrics listener (0 = any free port). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) METRICS_PORT?: number;
  @IsString() @MinLength(1) METRICS_HOST = '127.0.0.1';
}

export class ConfigurationError extends Error {}

/** Validates the environment; throws a one-line ConfigurationError naming the variable. */
export function validateEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentVariables {
  // Empty strings mean "unset" so that `FOO= npm start` falls back to the default.
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const [first] = errors;
    // Decorators register bottom-up, so the last constraint is the first one
    // written: the type check ("must be an integer" before "not greater than").
    const message = Object.values(first.constraints ?? {}).at(-1) ?? 'is invalid';
    const shown = message.startsWith(first.property) ? message : `${first.property} ${message}`;
    throw new ConfigurationError(
      `Invalid configuration: ${shown} (got "${String(env[first.property])}")`,
    );
  }
  if (config.METRICS_PORT && config.METRICS_PORT === config.PORT) {
    throw new ConfigurationError(
      `Invalid configuration: METRICS_PORT must differ from PORT (got "${config.METRICS_PORT}")`,
    );
  }
  return config;
}
