/**
 * Generated from openapi.json by `npm run openapi` (openapi-typescript); do not edit.
 */

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service name, version and where the API docs are
         * @description Public, limited per client address.
         */
        get: operations["AppController_info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness and readiness: 200 when the service can serve keys
         * @description With REDIS_URL set, `checks.redis` reports Redis; Redis being down does not make this a 503, since requests are then served without rate limits.
         */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Key and user lifecycle events, newest first
         * @description Needs `audit.read`. Paginated; `action` filters by event name.
         */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users, oldest first
         * @description Needs `users.read`. Paginated with `page` and `per_page`.
         */
        get: operations["UsersController_list"];
        put?: never;
        /**
         * Create a user
         * @description A user owns keys; its role caps what any of its keys may do.
         */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one user
         * @description Needs `users.read`. A 404 when no user has this id.
         */
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user: name, email, role, status
         * @description A new role or `status: disabled` applies to all of the user's keys from their next request. The root user cannot be renamed, demoted or disabled (409).
         */
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The built-in roles with the permissions and scopes each grants
         * @description Needs `users.read`: what each role grants.
         */
        get: operations["PermissionsController_roles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The resource-scope catalogue and the permissions a key may hold
         * @description Any valid key may read it: the names a key's `scopes` may hold.
         */
        get: operations["PermissionsController_scopes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List keys
         * @description Your own keys; admins see every user's, or one user's with `owner_id`.
         */
        get: operations["KeysController_list"];
        put?: never;
        /**
         * Create a key
         * @description Returns the token in `key`, once: only its SHA-256 hash and masked form are stored. The key can hold only grants the caller holds, within the owner's role.
         */
        post: operations["KeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/cleanup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count the keys a clean-up would delete
         * @description Needs `api_keys.read`: counts the expired and inactive keys (and with `unused_days` the unused ones) a clean-up would delete, deleting none.
         */
        get: operations["KeysController_cleanupCounts"];
        put?: never;
        /**
         * Delete expired, inactive and/or unused keys
         * @description `expired_and_inactive` deletes keys that are both, and stands alone; `unused_days` deletes keys with no successful use in that many days. Permanent.
         */
        post: operations["KeysController_cleanup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/report-leak": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report leaked tokens
         * @description Anyone who finds a token in the open can switch its key off. The answer never says which tokens matched.
         */
        post: operations["KeysController_reportLeak"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one key (never its token)
         * @description Needs `api_keys.read`; another user's key is a 404 unless the role acts on all users.
         */
        get: operations["KeysController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a key; its token fails at once
         * @description Needs `api_keys.delete`. The root key is managed through its key file (409).
         */
        delete: operations["KeysController_remove"];
        options?: never;
        head?: never;
        /**
         * Rename, enable or disable, re-scope, re-tier or re-fence a key
         * @description `expires_at` cannot be changed here (400): regenerate the key with a new expiry. Switching a disabled key back on needs every grant of the key, as to create it (403 otherwise).
         */
        patch: operations["KeysController_update"];
        trace?: never;
    };
    "/api/v1/keys/{id}/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a key's token
         * @description Same id, new token in `key` (shown once). The old token fails at once or after `grace_period_s`. The caller must hold every grant of the key, as to create it (403 otherwise).
         */
        post: operations["KeysController_regenerate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a key for another service
         * @description Always 200 for a well-formed request: `valid` and `code` say whether the key may make a request needing `scopes` from `ip`, decided exactly as Latchkey decides for its own routes.
         */
        post: operations["KeyVerificationController_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/verify/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify several keys for another service at once
         * @description Up to 100 checks in one request, each answered exactly as `POST /keys/verify` answers it, in the same order; each counts against its own key's limit, and the request once against the caller's. For a service answering many requests at once (`@latchkey/guard` sends its concurrent verifications this way): one round trip instead of one per key. An unknown scope in any check is a 400 for the whole request, and then no key is counted.
         */
        post: operations["KeyVerificationController_verifyAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow key and user changes (Server-Sent Events)
         * @description For services that cache verdicts: one event per change, by id only, never a token or a hash. `{"type":"key","id":…}` when a key is disabled, enabled, re-scoped, re-tiered, renamed, given another allowlist, regenerated, deleted, cleaned up or reported leaked; `{"type":"user","id":…}` when a user's role, status, name or e-mail changes. Every event has an `id`: reconnect with `Last-Event-ID` to get what was missed, or `{"type":"reset"}` first when the server no longer holds it (drop everything cached). A comment line comes at least every 15 s. With REDIS_URL, a change made on any instance reaches the streams of all, and ids hold across instances; while Redis is unreachable the stream ends and reopening it is refused with 503.
         */
        get: operations["ChangesController_follow"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller: its user, role, key and effective grants
         * @description Any valid key: who it belongs to and what it may do now.
         */
        get: operations["MeController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Several keys’ requests per hour or day, by outcome
         * @description The series of `GET /keys/{id}/usage` for 1 to 100 keys at once, in the order of `ids` (e.g. the keys of a page of `GET /keys`, for a chart per row). Needs `api_keys.read`; a key the caller may not see is a 404, as for one key. Same ranges and defaults as for one key.
         */
        get: operations["UsageController_keysUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A key's requests per hour or day, by outcome
         * @description Needs `api_keys.read`; another user's key is a 404 unless the role acts on all users. Without `from`: the last day (hours) or 30 days (days); at most 31 days of hours or 366 of days. Counts reach the database at most `USAGE_WRITE_INTERVAL_S` after the request.
         */
        get: operations["UsageController_keyUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every key's request totals over a range (admins)
         * @description Needs `api_keys.read` and the admin role (403 otherwise). Keys with no request in the range are left out. Without `from`: the last 30 days; at most 366 days.
         */
        get: operations["UsageController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ServiceInfoDto: {
            /** @example latchkey */
            name: string;
            /** @example 0.1.0 */
            version: string;
            /** @example /docs */
            docs: string;
        };
        ErrorDetailDto: {
            /** @example name */
            field: string;
            /** @example name must be shorter than or equal to 128 characters */
            message: string;
        };
        ErrorPayloadDto: {
            /** @example 400 */
            status: number;
            /** @example validation_failed */
            code: string;
            /** @example Invalid request: check name. */
            message: string;
            /**
             * @example [
             *       {
             *         "field": "name",
             *         "message": "name must be shorter than or equal to 128 characters"
             *       }
             *     ]
             */
            details?: components["schemas"]["ErrorDetailDto"][];
        };
        ErrorResponseDto: {
            error: components["schemas"]["ErrorPayloadDto"];
        };
        HealthDto: {
            /** @example ok */
            status: string;
            /**
             * @description `redis` only when REDIS_URL is set.
             * @example {
             *       "startup": {
             *         "status": "up"
             *       },
             *       "database": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "up"
             *       }
             *     }
             */
            checks: Record<string, never>;
        };
        AuditEventDto: {
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            id: string;
            /** @example key.created */
            action: string;
            /**
             * Format: uuid
             * @example 2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9
             */
            actor_user_id: string | null;
            /**
             * Format: uuid
             * @example 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d
             */
            actor_key_id: string | null;
            /** @example api_key */
            target_type: string;
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            target_id: string | null;
            /** @example 203.0.113.7 */
            ip: string | null;
            /**
             * Format: date-time
             * @example 2026-01-15T09:30:00.000Z
             */
            at: string;
            /**
             * @example {
             *       "name": "ci-deploy"
             *     }
             */
            details: Record<string, never>;
        };
        PageMetaDto: {
            /** @example 42 */
            total: number;
            /** @example 1 */
            page: number;
            /** @example 20 */
            per_page: number;
        };
        UserResponseDto: {
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            id: string;
            /** @example billing-service */
            name: string;
            /** @example billing@example.com */
            email: string | null;
            /**
             * @example viewer
             * @enum {string}
             */
            role: "admin" | "manager" | "viewer" | "service" | "client";
            /**
             * @example active
             * @enum {string}
             */
            status: "active" | "disabled";
            /**
             * Format: date-time
             * @example 2026-01-15T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-01T16:45:00.000Z
             */
            updated_at: string;
        };
        CreateUserDto: {
            /**
             * @description Unique. Lower-case letters, digits, `.`, `_` and `-`.
             * @example billing-service
             */
            name: string;
            /**
             * @description Unique when set; stored lower-case. `null` clears it.
             * @example billing@example.com
             */
            email?: string | null;
            /**
             * @description GET /api/v1/roles lists what each role grants.
             * @example viewer
             * @enum {string}
             */
            role: "admin" | "manager" | "viewer" | "service" | "client";
            /**
             * @description `disabled` makes every one of the user's keys fail at the next request.
             * @example active
             * @enum {string}
             */
            status?: "active" | "disabled";
        };
        UpdateUserDto: {
            /**
             * @description Unique. Lower-case letters, digits, `.`, `_` and `-`.
             * @example billing-service
             */
            name?: string;
            /**
             * @description Unique when set; stored lower-case. `null` clears it.
             * @example billing@example.com
             */
            email?: string | null;
            /**
             * @description GET /api/v1/roles lists what each role grants.
             * @example viewer
             * @enum {string}
             */
            role?: "admin" | "manager" | "viewer" | "service" | "client";
            /**
             * @description `disabled` makes every one of the user's keys fail at the next request.
             * @example active
             * @enum {string}
             */
            status?: "active" | "disabled";
        };
        RoleResponseDto: {
            /**
             * @example viewer
             * @enum {string}
             */
            name: "admin" | "manager" | "viewer" | "service" | "client";
            /**
             * @example [
             *       "api_keys.read"
             *     ]
             */
            permissions: ("api_keys.read" | "api_keys.write" | "api_keys.delete" | "api_keys.verify" | "users.read" | "users.write" | "audit.read")[];
            /**
             * @example [
             *       "read:assets",
             *       "read:scans"
             *     ]
             */
            scopes: string[];
            /**
             * @description Acts on every user's keys, not only its own.
             * @example false
             */
            acts_on_all_users: boolean;
        };
        ScopeCatalogueResponseDto: {
            /**
             * @description Resource scopes (config `SCOPES`).
             * @example [
             *       "read:assets",
             *       "write:assets"
             *     ]
             */
            scopes: string[];
            /**
             * @description Management-API permissions.
             * @example [
             *       "api_keys.read",
             *       "api_keys.write"
             *     ]
             */
            permissions: ("api_keys.read" | "api_keys.write" | "api_keys.delete" | "api_keys.verify" | "users.read" | "users.write" | "audit.read")[];
            /**
             * @description The key scope that stands for everything its owner's role grants.
             * @example admin
             */
            admin_scope: string;
        };
        CreatedApiKeyResponseDto: {
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            id: string;
            /** @example ci-deploy */
            name: string;
            /** @example lk_****3f9a */
            masked_key: string;
            /**
             * Format: uuid
             * @example 2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9
             */
            owner_id: string;
            /**
             * @example [
             *       "read:assets"
             *     ]
             */
            scopes: string[];
            /**
             * @example standard
             * @enum {string}
             */
            tier: "standard" | "premium" | "enterprise";
            /**
             * @example active
             * @enum {string}
             */
            status: "active" | "inactive";
            /**
             * Format: date-time
             * @description When a leak report switched the key off; null: never reported. Such a key is switched on again only by regenerating it, which clears this.
             * @example null
             */
            leaked_at: string | null;
            /**
             * @description True for the root key (current or revoked by a rotation): it is managed through its key file, and changing, regenerating or deleting it here is a 409.
             * @example false
             */
            is_root: boolean;
            /**
             * Format: date-time
             * @description null: never expires.
             * @example 2027-01-01T00:00:00.000Z
             */
            expires_at: string | null;
            /**
             * @description True once expires_at has passed.
             * @example false
             */
            expired: boolean;
            /** @example [] */
            allowed_ips: string[];
            /**
             * Format: date-time
             * @example 2026-01-15T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-01T16:45:00.000Z
             */
            updated_at: string;
            /**
             * Format: date-time
             * @example 2026-02-03T08:12:44.000Z
             */
            last_used: string | null;
            /** @example 203.0.113.7 */
            last_used_ip: string | null;
            /**
             * @description The token. Shown only in this response; store it now.
             * @example lk_9c1e…
             */
            key: string;
        };
        CreateKeyDto: {
            /**
             * @description Trimmed and put in Unicode NFC; unique per owner. No control, invisible (zero-width) or bidirectional-control characters.
             * @example ci-deploy
             */
            name: string;
            /**
             * @description Resource scopes, permission names (`api_keys.read`…) or `admin`. Default: none.
             * @example [
             *       "read:assets"
             *     ]
             */
            scopes?: string[];
            /**
             * @description Set by admins; anyone else may send only `standard` (403 otherwise).
             * @default standard
             * @example standard
             * @enum {string}
             */
            tier?: "standard" | "premium" | "enterprise";
            /**
             * @description ISO 8601, in the future. Not with expires_in_days.
             * @example 2027-01-01T00:00:00Z
             */
            expires_at?: string;
            /**
             * @description Not with expires_at.
             * @example 90
             */
            expires_in_days?: number;
            /**
             * @description Empty: any address. No spaces or leading zeros (`1.2.3.4/8`, not `1.2.3.4/08`). `::/0` admits IPv6 clients only; `::ffff:0:0/96`, like `0.0.0.0/0`, every IPv4 client.
             * @example [
             *       "10.0.0.0/8",
             *       "2001:db8::1"
             *     ]
             */
            allowed_ips?: string[];
            /**
             * Format: uuid
             * @description Admins only: create the key for this user.
             * @example 2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9
             */
            owner_id?: string;
        };
        ApiKeyResponseDto: {
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            id: string;
            /** @example ci-deploy */
            name: string;
            /** @example lk_****3f9a */
            masked_key: string;
            /**
             * Format: uuid
             * @example 2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9
             */
            owner_id: string;
            /**
             * @example [
             *       "read:assets"
             *     ]
             */
            scopes: string[];
            /**
             * @example standard
             * @enum {string}
             */
            tier: "standard" | "premium" | "enterprise";
            /**
             * @example active
             * @enum {string}
             */
            status: "active" | "inactive";
            /**
             * Format: date-time
             * @description When a leak report switched the key off; null: never reported. Such a key is switched on again only by regenerating it, which clears this.
             * @example null
             */
            leaked_at: string | null;
            /**
             * @description True for the root key (current or revoked by a rotation): it is managed through its key file, and changing, regenerating or deleting it here is a 409.
             * @example false
             */
            is_root: boolean;
            /**
             * Format: date-time
             * @description null: never expires.
             * @example 2027-01-01T00:00:00.000Z
             */
            expires_at: string | null;
            /**
             * @description True once expires_at has passed.
             * @example false
             */
            expired: boolean;
            /** @example [] */
            allowed_ips: string[];
            /**
             * Format: date-time
             * @example 2026-01-15T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-01T16:45:00.000Z
             */
            updated_at: string;
            /**
             * Format: date-time
             * @example 2026-02-03T08:12:44.000Z
             */
            last_used: string | null;
            /** @example 203.0.113.7 */
            last_used_ip: string | null;
        };
        CleanupCountsDto: {
            /** @example 3 */
            expired: number;
            /** @example 2 */
            inactive: number;
            /** @example 1 */
            expired_and_inactive: number;
            /**
             * @description Only with `unused_days`.
             * @example 5
             */
            unused?: number;
        };
        CleanupResultDto: {
            /** @example 4 */
            deleted: number;
        };
        CleanupKeysDto: {
            /**
             * @description Delete keys past their expiry, enabled or not.
             * @example true
             */
            expired?: boolean;
            /**
             * @description Delete disabled keys.
             * @example true
             */
            inactive?: boolean;
            /**
             * @description Delete keys that are both expired and disabled. Not with the other two.
             * @example true
             */
            expired_and_inactive?: boolean;
            /**
             * @description Delete keys unused for N days (besides any other category chosen). No successful use in the last N days: last used before then, or never used and created before then.
             * @example 90
             */
            unused_days?: number;
        };
        ReportLeakResultDto: {
            /**
             * @description How many tokens were received; never which matched.
             * @example 2
             */
            received: number;
        };
        ReportLeakDto: {
            /**
             * @description Tokens found in the open.
             * @example [
             *       "lk_9c1e…"
             *     ]
             */
            tokens: string[];
        };
        UpdateKeyDto: {
            /**
             * @description As on create: trimmed, NFC, no control or invisible characters.
             * @example ci-deploy-2
             */
            name?: string;
            /**
             * @description `inactive` switches the key off at once.
             * @example active
             * @enum {string}
             */
            status?: "active" | "inactive";
            /**
             * @example [
             *       "read:assets",
             *       "read:scans"
             *     ]
             */
            scopes?: string[];
            /**
             * @description Changed by admins only (403 otherwise).
             * @example standard
             * @enum {string}
             */
            tier?: "standard" | "premium" | "enterprise";
            /**
             * @description Empty: any address. No spaces or leading zeros (`1.2.3.4/8`, not `1.2.3.4/08`). `::/0` admits IPv6 clients only; `::ffff:0:0/96`, like `0.0.0.0/0`, every IPv4 client.
             * @example [
             *       "203.0.113.0/24"
             *     ]
             */
            allowed_ips?: string[];
        };
        RegenerateKeyDto: {
            /**
             * @description Seconds during which the old token keeps working. 0: it fails at once.
             * @default 0
             * @example 300
             */
            grace_period_s?: number;
            /**
             * @description New expiry (future); `null` for never. Omitted: the expiry stays.
             * @example 2027-06-01T00:00:00Z
             */
            expires_at?: string | null;
            /**
             * @description New expiry in days from now. Not with expires_at.
             * @example 30
             */
            expires_in_days?: number;
        };
        KeyRevokedResponseDto: {
            /**
             * @example success
             * @enum {string}
             */
            status: "success";
            /** @example API key revoked. */
            message: string;
        };
        VerifyRateLimitDto: {
            /** @example 100 */
            limit: number;
            /** @example 99 */
            remaining: number;
            /**
             * @description Seconds until the window resets.
             * @example 42
             */
            reset: number;
        };
        VerifyKeyResponseDto: {
            /**
             * @description True exactly when `code` is VALID.
             * @example true
             */
            valid: boolean;
            /**
             * @example VALID
             * @enum {string}
             */
            code: "VALID" | "NOT_FOUND" | "INACTIVE" | "EXPIRED" | "OWNER_DISABLED" | "IP_NOT_ALLOWED" | "INSUFFICIENT_SCOPE" | "RATE_LIMITED";
            /**
             * Format: uuid
             * @description Only for VALID, INSUFFICIENT_SCOPE and RATE_LIMITED.
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            key_id?: string;
            /**
             * Format: uuid
             * @description Only for VALID, INSUFFICIENT_SCOPE and RATE_LIMITED.
             * @example 2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9
             */
            owner_id?: string;
            /**
             * @description The key's effective grants: its scopes within its owner's current role.
             * @example [
             *       "read:assets"
             *     ]
             */
            scopes?: string[];
            /**
             * @example standard
             * @enum {string}
             */
            tier?: "standard" | "premium" | "enterprise";
            /**
             * Format: date-time
             * @description null: never expires.
             * @example 2027-01-01T00:00:00.000Z
             */
            expires_at?: string | null;
            /** @description The key's budget after this verification; absent while the counters are unreachable. */
            ratelimit?: components["schemas"]["VerifyRateLimitDto"];
        };
        VerifyKeyDto: {
            /**
             * @description The token a client presented to your service. Malformed tokens are NOT_FOUND.
             * @example lk_9c1e…
             */
            key: string;
            /**
             * @description Grants the request needs (resource scopes or permissions), all of them: checked against the key's effective grants (its scopes within its owner's current role).
             * @example [
             *       "read:assets"
             *     ]
             */
            scopes?: string[];
            /**
             * @description The client's address, checked against the key's `allowed_ips`. Left out: a key with an allowlist is IP_NOT_ALLOWED (the address cannot be shown to be allowed); a key without one is unaffected.
             * @example 203.0.113.7
             */
            ip?: string;
        };
        VerifyKeysDto: {
            /**
             * @description One check per request your service is answering, each as the body of `POST /keys/verify`; the verdicts come back in the same order.
             * @example [
             *       {
             *         "key": "lk_9c1e…",
             *         "scopes": [
             *           "read:assets"
             *         ],
             *         "ip": "203.0.113.7"
             *       },
             *       {
             *         "key": "lk_47ad…",
             *         "scopes": [
             *           "write:assets"
             *         ],
             *         "ip": "198.51.100.4"
             *       }
             *     ]
             */
            checks: components["schemas"]["VerifyKeyDto"][];
        };
        MeUserDto: {
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            id: string;
            /** @example root */
            name: string;
            /**
             * @example viewer
             * @enum {string}
             */
            role: "admin" | "manager" | "viewer" | "service" | "client";
        };
        MeKeyDto: {
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            id: string;
            /** @example root */
            name: string;
            /** @example lk_****3f9a */
            masked_key: string;
            /**
             * @example standard
             * @enum {string}
             */
            tier: "standard" | "premium" | "enterprise";
            /**
             * @example [
             *       "admin"
             *     ]
             */
            scopes: string[];
            /**
             * Format: date-time
             * @description null: never expires.
             * @example 2027-01-01T00:00:00.000Z
             */
            expires_at: string | null;
        };
        MeResponseDto: {
            user: components["schemas"]["MeUserDto"];
            key: components["schemas"]["MeKeyDto"];
            /**
             * @description Effective permissions and scopes: the key's scopes within the owner's current role.
             * @example [
             *       "api_keys.read",
             *       "read:assets"
             *     ]
             */
            grants: string[];
        };
        UsagePointDto: {
            /**
             * @description Let through (whatever the route then answered).
             * @example 118
             */
            ok: number;
            /**
             * @description Refused: inactive, expired, owner disabled, replaced.
             * @example 2
             */
            unauthorized: number;
            /**
             * @description ip_not_allowed, insufficient_scope, a permission.
             * @example 1
             */
            forbidden: number;
            /**
             * @description Refused by the key's rate limit.
             * @example 0
             */
            rate_limited: number;
            /**
             * Format: date-time
             * @description Start of the hour or day (UTC).
             * @example 2026-12-01T13:00:00.000Z
             */
            at: string;
        };
        KeyUsageDto: {
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            key_id: string;
            /**
             * @example hour
             * @enum {string}
             */
            granularity: "hour" | "day";
            /**
             * @description One point per step from `from` to `to`, oldest first; zeros included.
             * @example [
             *       {
             *         "at": "2026-12-01T12:00:00.000Z",
             *         "ok": 40,
             *         "unauthorized": 0,
             *         "forbidden": 1,
             *         "rate_limited": 0
             *       },
             *       {
             *         "at": "2026-12-01T13:00:00.000Z",
             *         "ok": 78,
             *         "unauthorized": 2,
             *         "forbidden": 0,
             *         "rate_limited": 0
             *       }
             *     ]
             */
            series: components["schemas"]["UsagePointDto"][];
        };
        KeyUsageTotalsDto: {
            /**
             * @description Let through (whatever the route then answered).
             * @example 118
             */
            ok: number;
            /**
             * @description Refused: inactive, expired, owner disabled, replaced.
             * @example 2
             */
            unauthorized: number;
            /**
             * @description ip_not_allowed, insufficient_scope, a permission.
             * @example 1
             */
            forbidden: number;
            /**
             * @description Refused by the key's rate limit.
             * @example 0
             */
            rate_limited: number;
            /**
             * Format: uuid
             * @example 8b6f1d2e-4c3a-4f5e-9a7b-1c2d3e4f5a6b
             */
            key_id: string;
            /** @example ci-deploy */
            name: string;
            /**
             * Format: uuid
             * @example 2f1e0d9c-8b7a-4c6d-9e5f-a4b3c2d1e0f9
             */
            owner_id: string;
            /**
             * @description The four counts added up.
             * @example 121
             */
            total: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AppController_info: {
        parameters: {
            query?: never;
            header?: {
                /** @description The client address that is limited, read from the entries that TRUST_PROXY's proxies appended. */
                "X-Forwarded-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ServiceInfoDto"];
                    };
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["HealthDto"];
                    };
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
                /** @description Only events with this action. */
                action?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AuditEventDto"][];
                        meta: components["schemas"]["PageMetaDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
                role?: "admin" | "manager" | "viewer" | "service" | "client";
                status?: "active" | "disabled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserResponseDto"][];
                        meta: components["schemas"]["PageMetaDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `conflict` (name taken) or `key_limit_reached`. */
            409: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 409,
                     *         "code": "conflict",
                     *         "message": "You already have a key with this name."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID; anything else is a 400. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID; anything else is a 400. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `conflict` (name taken) or `key_limit_reached`. */
            409: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 409,
                     *         "code": "conflict",
                     *         "message": "You already have a key with this name."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PermissionsController_roles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every role. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RoleResponseDto"][];
                    };
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    PermissionsController_scopes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ScopeCatalogueResponseDto"];
                    };
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_list: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
                sort?: "created_at" | "name" | "expires_at" | "last_used";
                order?: "asc" | "desc";
                /** @description `active`: enabled and not expired; `inactive`: disabled; `expired`: past its expiry, enabled or not. */
                status?: "active" | "inactive" | "expired";
                /** @description Name contains this text (compared in Unicode NFC, as names are stored). */
                q?: string;
                /** @description Admins only: one user's keys. */
                owner_id?: string;
                /** @description Only keys unused for N days. No successful use in the last N days: last used before then, or never used and created before then. */
                unused_days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKeyResponseDto"][];
                        meta: components["schemas"]["PageMetaDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKeyDto"];
            };
        };
        responses: {
            /** @description Created; `key` is the token, shown only here. */
            201: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CreatedApiKeyResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `conflict` (name taken) or `key_limit_reached`. */
            409: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 409,
                     *         "code": "conflict",
                     *         "message": "You already have a key with this name."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_cleanupCounts: {
        parameters: {
            query?: {
                /** @description Admins only: one user's keys (default: every user's). */
                owner_id?: string;
                /** @description Also count the keys unused for N days (`unused` in the answer). No successful use in the last N days: last used before then, or never used and created before then. */
                unused_days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CleanupCountsDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_cleanup: {
        parameters: {
            query?: {
                /** @description Admins only: one user's keys (default: every user's). */
                owner_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CleanupKeysDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CleanupResultDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_reportLeak: {
        parameters: {
            query?: never;
            header?: {
                /** @description The client address that is limited, read from the entries that TRUST_PROXY's proxies appended. */
                "X-Forwarded-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportLeakDto"];
            };
        };
        responses: {
            /** @description Received. */
            202: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReportLeakResultDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description `rate_limited`: see `Retry-After`.
             *
             *     `rate_limited`: see `Retry-After`.
             */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID; anything else is a 400. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKeyResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID; anything else is a 400. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyRevokedResponseDto"];
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `conflict` (name taken) or `key_limit_reached`. */
            409: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 409,
                     *         "code": "conflict",
                     *         "message": "You already have a key with this name."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID; anything else is a 400. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateKeyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKeyResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `conflict` (name taken) or `key_limit_reached`. */
            409: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 409,
                     *         "code": "conflict",
                     *         "message": "You already have a key with this name."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeysController_regenerate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID; anything else is a 400. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RegenerateKeyDto"];
            };
        };
        responses: {
            /** @description The key with its new token in `key`. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CreatedApiKeyResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `conflict` (name taken) or `key_limit_reached`. */
            409: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 409,
                     *         "code": "conflict",
                     *         "message": "You already have a key with this name."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeyVerificationController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyKeyDto"];
            };
        };
        responses: {
            /** @description The verdict; `valid` is true only for VALID. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VerifyKeyResponseDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    KeyVerificationController_verifyAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyKeysDto"];
            };
        };
        responses: {
            /** @description The verdicts, one per check, in order. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VerifyKeyResponseDto"][];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unsupported_media_type`: the body is not sent as `Content-Type: application/json`. */
            415: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 415,
                     *         "code": "unsupported_media_type",
                     *         "message": "The request body must be JSON, sent with Content-Type: application/json."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ChangesController_follow: {
        parameters: {
            query?: never;
            header?: {
                /** @description Last-Event-ID: the `id` of the last event received, to resume after it. */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream; it stays open. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example : connected
                     *
                     *     id: k3x9q2-41
                     *     data: {"type":"key","id":"0d9b7c1e-5a8f-4e57-9d0b-3f6c2a1e8b47"}
                     *
                     *     id: k3x9q2-42
                     *     data: {"type":"user","id":"6a2f4c90-1b3d-4e8a-b5c7-9d0e1f2a3b4c"}
                     *
                     *     :
                     */
                    "text/event-stream": string;
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /**
             * @description `service_unavailable`: starting up or the database is unreachable.
             *
             *     `service_unavailable`: starting up or the database is unreachable.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MeController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MeResponseDto"];
                    };
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsageController_keysUsage: {
        parameters: {
            query: {
                /** @description ISO 8601, inclusive, rounded down to the hour or day (UTC). Default and widest range: see the route. */
                from?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour or day (UTC). Default: now. */
                to?: string;
                /** @description One point per hour (at most 31 days) or per day (at most 366 days). */
                granularity?: "hour" | "day";
                /** @description Key ids, comma-separated, 1 to 100 (e.g. a page of `GET /keys`). */
                ids: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["KeyUsageDto"][];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsageController_keyUsage: {
        parameters: {
            query?: {
                /** @description ISO 8601, inclusive, rounded down to the hour or day (UTC). Default and widest range: see the route. */
                from?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour or day (UTC). Default: now. */
                to?: string;
                /** @description One point per hour (at most 31 days) or per day (at most 366 days). */
                granularity?: "hour" | "day";
            };
            header?: never;
            path: {
                /** @description A UUID; anything else is a 400. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["KeyUsageDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `not_found`. */
            404: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 404,
                     *         "code": "not_found",
                     *         "message": "API key not found."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    UsageController_list: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
                /** @description ISO 8601, inclusive, rounded down to the hour or day (UTC). Default and widest range: see the route. */
                from?: string;
                /** @description ISO 8601, exclusive, rounded up to the hour or day (UTC). Default: now. */
                to?: string;
                sort?: "total" | "ok" | "unauthorized" | "forbidden" | "rate_limited";
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list. */
            200: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["KeyUsageTotalsDto"][];
                        meta: components["schemas"]["PageMetaDto"];
                    };
                };
            };
            /** @description `validation_failed`: the body, query or path is invalid; `details` names each field. */
            400: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 400,
                     *         "code": "validation_failed",
                     *         "message": "Invalid request: check name.",
                     *         "details": [
                     *           {
                     *             "field": "name",
                     *             "message": "name must be shorter than or equal to 128 characters"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `unauthorized`: the key is missing, malformed, unknown, inactive, expired or revoked. */
            401: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 401,
                     *         "code": "unauthorized",
                     *         "message": "A valid API key is required: send it as \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `forbidden`, `insufficient_scope` or `ip_not_allowed`. */
            403: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 403,
                     *         "code": "forbidden",
                     *         "message": "This key lacks the permission api_keys.write."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `rate_limited`: see `Retry-After`. */
            429: {
                headers: {
                    /** @description The budget of requests in the current window. */
                    "X-RateLimit-Limit"?: number;
                    /** @description Requests left in the current window. */
                    "X-RateLimit-Remaining"?: number;
                    /** @description Seconds until the current window ends. */
                    "X-RateLimit-Reset"?: number;
                    /** @description Seconds until the window ends. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 429,
                     *         "code": "rate_limited",
                     *         "message": "Rate limit exceeded: retry in 42 s."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `internal_error`: a fault of the service, logged; the body says nothing more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 500,
                     *         "code": "internal_error",
                     *         "message": "Internal server error."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description `service_unavailable`: starting up or the database is unreachable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "status": 503,
                     *         "code": "service_unavailable",
                     *         "message": "The service is starting or its database is unreachable; retry shortly."
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
}
