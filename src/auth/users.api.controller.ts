import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { CreateUserDto, ListUsersQuery } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users')
export class UsersApiController {
  constructor(private readonly users: UsersService) {}

  @Allow('admin')
  @Post()
  @ApiCreatedResponse({ description: 'The new user' })
  @ApiConflictResponse({ description: 'Email already taken' })
  @ApiUnprocessableEntityResponse({
    description: 'Invalid fields, e.g. a password under 12 characters',
  })
  create(@Body() body: CreateUserDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.users.create(body, actor);
  }

  /** Admins list everyone; link workers may list users (to assign referrals to colleagues). */
  @Allow('admin', 'link_worker')
  @Get()
  async list(@Query() query: ListUsersQuery) {
    return { items: await this.users.list(query), nextCursor: null };
  }

  @Allow('admin')
  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.users.get(id);
  }
}
