import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CapacityService } from './capacity.service';
import { SetCapacityDto } from './placement.dto';

@ApiTags('capacity')
@Controller('api/groups')
export class CapacityApiController {
  constructor(private readonly capacity: CapacityService) {}

  /** 409 `places_below_reserved` when places would drop below the places already reserved. */
  @Allow('group_coordinator', 'admin')
  @Put(':id/capacity')
  @ApiOkResponse({ description: 'The capacity with its live counts' })
  set(
    @Param('id', UuidParam) id: string,
    @Body() body: SetCapacityDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.capacity.setCapacity(id, body, actor);
  }

  @Allow('group_coordinator', 'admin')
  @Get(':id/capacity')
  get(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.capacity.getCapacity(id, actor);
  }

  /** How loaded a group is, for a link worker deciding where to offer. */
  @Allow('link_worker', 'admin')
  @Get(':id/load')
  load(@Param('id', UuidParam) id: string) {
    return this.capacity.load(id);
  }
}
