import { BadRequestException, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiKey, Public, RequireScopes, type LatchkeyIdentity } from '@latchkey/guard';

interface Item {
  id: number;
  name: string;
  created_by: string;
}

@Controller()
export class ItemsController {
  private readonly items: Item[] = [{ id: 1, name: 'laptop', created_by: 'seed' }];

  @Get('items')
  @RequireScopes('read:assets')
  list(): { data: Item[] } {
    return { data: this.items };
  }

  @Post('items')
  @HttpCode(201)
  @RequireScopes('write:assets')
  create(@Body() body: { name?: unknown }, @ApiKey() caller: LatchkeyIdentity): { data: Item } {
    if (typeof body?.name !== 'string' || body.name.trim() === '') {
      throw new BadRequestException('name must be a non-empty string');
    }
    const item = { id: this.items.length + 1, name: body.name.trim(), created_by: caller.ownerId };
    this.items.push(item);
    return { data: item };
  }

  @Get('health')
  @Public()
  health(): { status: string } {
    return { status: 'ok' };
  }
}
