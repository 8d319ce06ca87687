import { Controller, Get, HttpCode, HttpStatus, Module, Post } from '@nestjs/common';
import { Public, RequireScopes } from '../../src/permissions/permissions.decorators';

/**
 * A resource controller as another team would write it: the class needs
 * `read:assets`; a handler's own decorator replaces the class's (handler
 * first), so creating needs `write:assets` only and the status needs no key.
 */
@Controller('assets')
@RequireScopes('read:assets')
export class AssetsController {
  @Get()
  list(): { data: { id: string }[] } {
    return { data: [{ id: 'asset-1' }] };
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @RequireScopes('write:assets')
  create(): { data: { id: string } } {
    return { data: { id: 'asset-2' } };
  }

  @Get('status')
  @Public()
  status(): { data: { status: string } } {
    return { data: { status: 'ok' } };
  }
}

@Module({ controllers: [AssetsController] })
export class AssetsModule {}
