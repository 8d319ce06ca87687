import type { AuditDetails } from '../audit/audit-event.entity';
import type { AuditEntry } from '../audit/audit.service';
import { KeyStatus } from '../domain/key-tier';
import type { Principal } from '../domain/principal';
import type { ApiKey } from './api-key.entity';
import type { UpdateKeyDto } from './dto/update-key.dto';

/** The fields of a key a PATCH may change. */
export type KeyChanges = Partial<
  Pick<ApiKey, 'name' | 'status' | 'scopes' | 'tier' | 'allowedIps'>
>;

/** What a PATCH body asks to change; fields left out are not there. */
export function keyChanges(dto: UpdateKeyDto): KeyChanges {
  const changes: KeyChanges = {
    name: dto.name,
    status: dto.status,
    scopes: dto.scopes,
    tier: dto.tier,
    allowedIps: dto.allowed_ips,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/** key.enabled / key.disabled for a status change, key.updated for anything else. */
export function keyChangeActions(changed: string[], status: KeyStatus): string[] {
  const actions: string[] = [];
  if (changed.includes('status'))
    actions.push(status === KeyStatus.Active ? 'key.enabled' : 'key.disabled');
  if (changed.some((field) => field !== 'status')) actions.push('key.updated');
  return actions;
}

/** Who acted on a key, and from where: null for the service itself and anonymous reports. */
export interface KeyActor {
  actor: Principal | null;
  ip: string | null;
}

/** One event on key `keyId` for the audit trail. */
export function keyEvent(
  keyId: string,
  action: string,
  { actor, ip }: KeyActor,
  details: AuditDetails,
): AuditEntry {
  return { action, actor, targetType: 'api_key', targetId: keyId, ip, details };
}

export const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
