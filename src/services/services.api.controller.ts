import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { ServiceDto } from './services.dto';
import { ServicesService } from './services.service';

@ApiTags('services')
@Controller('api/services')
export class ServicesApiController {
  constructor(private readonly services: ServicesService) {}

  @Allow('admin')
  @Post()
  @ApiCreatedResponse({ description: 'The new service' })
  create(@Body() body: ServiceDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.services.create(body, actor.id);
  }

  /** Names and areas only: which teams exist is not personal data. */
  @AnyRole()
  @Get()
  async list() {
    return { items: await this.services.list() };
  }

  @AnyRole()
  @Get(':id')
  get(@Param('id', UuidParam) id: string) {
    return this.services.get(id);
  }

  @Allow('admin')
  @Put(':id')
  update(
    @Param('id', UuidParam) id: string,
    @Body() body: ServiceDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.services.update(id, body, actor.id);
  }
}
