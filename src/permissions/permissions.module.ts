import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';
import { GrantsModule } from './grants.module';
import { PermissionsController } from './permissions.controller';

@Module({
  imports: [GrantsModule],
  controllers: [PermissionsController],
  providers: [AccessGuard],
  exports: [GrantsModule, AccessGuard],
})
export class PermissionsModule {}
