import { Module } from '@nestjs/common';
import { PermissionsService } from './permissions.service';

/**
 * PermissionsService (the scope catalogue, effective grants, what may be
 * granted) without PermissionsModule's controller and guard, so that a
 * service verifying keys in its own process serves none of Latchkey's routes.
 */
@Module({
  providers: [PermissionsService],
  exports: [PermissionsService],
})
export class GrantsModule {}
