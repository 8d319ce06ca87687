import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChangesModule } from '../changes/changes.module';
import { HealthModule } from '../health/health.module';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { BootstrapService } from './bootstrap.service';
import { RootKeyRegistrar } from './root-key.registrar';
import { RootKeyService } from './root-key.service';

/**
 * Bringing the service up (SPEC section 3): connect and migrate the
 * database, then put the root key in place, the key file and its row, while
 * the service already listens and answers 503 until it is ready.
 */
@Module({
  imports: [KeysModule, UsersModule, AuditModule, ChangesModule, HealthModule],
  providers: [BootstrapService, RootKeyService, RootKeyRegistrar],
})
export class StartupModule {}
