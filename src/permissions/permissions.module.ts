import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';
import { PermissionsService } from './permissions.service';

@Module({
  providers: [PermissionsService, AccessGuard],
  exports: [PermissionsService, AccessGuard],
})
export class PermissionsModule {}
