import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import { pageLimit } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CreateOrganisationDto, ListOrganisationsQuery } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('api/organisations')
export class OrganisationsApiController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Allow('admin')
  @Post()
  @ApiCreatedResponse({ description: 'The new organisation' })
  create(@Body() body: CreateOrganisationDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.organisations.create(body, actor.id);
  }

  @Allow('admin', 'link_worker')
  @Get()
  list(@Query() query: ListOrganisationsQuery) {
    return this.organisations.list({ ...query, limit: pageLimit(query) });
  }

  /** Anyone may read their own organisation; admins and link workers any. */
  @Allow('admin', 'link_worker', 'group_coordinator', 'referrer')
  @Get(':id')
  async get(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthenticatedUser) {
    if (
      (user.role === 'group_coordinator' || user.role === 'referrer') &&
      user.organisationId !== id
    ) {
      throw notFound('Organisation');
    }
    return this.organisations.get(id);
  }
}
