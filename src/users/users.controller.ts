import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import type { Principal } from '../domain/principal';
import { Page, toPage } from '../common/pagination';
import { ApiDataResponse, ApiErrors, ApiPageResponse } from '../common/swagger';
import { UuidParam } from '../common/uuid-param';
import { Permission } from '../domain/permission';
import { RequirePermissions } from '../permissions/permissions.decorators';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { presentUser } from './user.presenter';
import { UsersService } from './users.service';

const USER_ID = ApiParam({ name: 'id', format: 'uuid', description: 'The user id.' });

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @RequirePermissions(Permission.UsersWrite)
  @ApiOperation({
    summary: 'Create a user',
    description: 'A user owns keys; its role caps what any of its keys may do.',
  })
  @ApiDataResponse(UserResponseDto, 201, 'Created.')
  @ApiErrors(400, 409)
  async create(
    @Body() dto: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<{ data: UserResponseDto }> {
    const user = await this.users.create(dto, { principal, ip: request.ip });
    return { data: presentUser(user) };
  }

  @Get()
  @RequirePermissions(Permission.UsersRead)
  @ApiOperation({
    summary: 'List users, oldest first',
    description: 'Needs `users.read`. Paginated with `page` and `per_page`.',
  })
  @ApiPageResponse(UserResponseDto)
  @ApiErrors(400)
  async list(@Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const { users, total } = await this.users.list(query);
    return toPage(users.map(presentUser), total, query);
  }

  @Get(':id')
  @RequirePermissions(Permission.UsersRead)
  @ApiOperation({
    summary: 'Get one user',
    description: 'Needs `users.read`. A 404 when no user has this id.',
  })
  @USER_ID
  @ApiDataResponse(UserResponseDto)
  @ApiErrors(400, 404)
  async get(@UuidParam() id: string): Promise<{ data: UserResponseDto }> {
    return { data: presentUser(await this.users.get(id)) };
  }

  @Patch(':id')
  @RequirePermissions(Permission.UsersWrite)
  @ApiOperation({
    summary: 'Change a user: name, email, role, status',
    description:
      "A new role or `status: disabled` applies to all of the user's keys from their next request. " +
      'The root user cannot be renamed, demoted or disabled (409).',
  })
  @USER_ID
  @ApiDataResponse(UserResponseDto)
  @ApiErrors(400, 404, 409)
  async update(
    @UuidParam() id: string,
    @Body() dto: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<{ data: UserResponseDto }> {
    const user = await this.users.update(id, dto, { principal, ip: request.ip });
    return { data: presentUser(user) };
  }
}
