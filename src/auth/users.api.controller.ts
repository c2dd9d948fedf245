import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './users.dto';
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

  /**
   * Admins list everyone; link workers and team leads list the users of their own service (to
   * assign referrals to colleagues).
   */
  @Allow('admin', 'team_lead', 'link_worker')
  @Get()
  async list(@Query() query: ListUsersQuery, @CurrentUser() actor: AuthenticatedUser) {
    return { items: await this.users.list(query, actor), nextCursor: null };
  }

  @Allow('admin')
  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.users.get(id);
  }

  @Allow('admin')
  @Patch(':id')
  @ApiConflictResponse({ description: 'A move of service while open cases are held' })
  update(
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.users.update(id, body, actor);
  }
}
