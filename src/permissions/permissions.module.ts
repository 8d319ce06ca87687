import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';
import { PermissionsController } from './permissions.controller';
import { PermissionsService } from './permissions.service';

@Module({
  controllers: [PermissionsController],
  providers: [PermissionsService, AccessGuard],
  exports: [PermissionsService, AccessGuard],
})
export class PermissionsModule {}
