import { ApiKey } from './api-key.entity';
import { ApiKeyResponseDto } from './dto/api-key-response.dto';
import { isExpired } from './key-access';

/** The public shape of a key: snake_case, masked, never the token or its hash. */
export function presentKey(key: ApiKey, now = new Date()): ApiKeyResponseDto {
  return {
    id: key.id,
    name: key.name,
    masked_key: key.maskedKey,
    owner_id: key.ownerId,
    scopes: key.scopes,
    tier: key.tier,
    status: key.status,
    leaked_at: key.leakedAt?.toISOString() ?? null,
    is_root: key.isRoot,
    expires_at: key.expiresAt?.toISOString() ?? null,
    expired: isExpired(key.expiresAt, now),
    allowed_ips: key.allowedIps,
    created_at: key.createdAt.toISOString(),
    updated_at: key.updatedAt.toISOString(),
    last_used: key.lastUsed?.toISOString() ?? null,
    last_used_ip: key.lastUsedIp,
  };
}
