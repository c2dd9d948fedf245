import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { NotificationPreferenceDto } from './notifications.dto';
import { PreferencesService } from './preferences.service';

/** Email on or off, each event or a daily digest: for yourself, or for your organisation. */
@ApiTags('notifications')
@Controller('api')
export class PreferencesApiController {
  constructor(private readonly preferences: PreferencesService) {}

  @AnyRole()
  @Get('notifications/preferences')
  @ApiOkResponse({ description: '{emailEnabled, frequency, source: user|organisation|default}' })
  mine(@CurrentUser() actor: AuthenticatedUser) {
    return this.preferences.forUser(actor);
  }

  @AnyRole()
  @Put('notifications/preferences')
  setMine(@Body() body: NotificationPreferenceDto, @CurrentUser() actor: AuthenticatedUser) {
    return this.preferences.setForUser(actor, body);
  }

  @Allow('admin', 'referrer', 'group_coordinator')
  @Get('organisations/:id/notification-preferences')
  organisation(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.preferences.forOrganisation(id, actor);
  }

  @Allow('admin', 'referrer', 'group_coordinator')
  @Put('organisations/:id/notification-preferences')
  setOrganisation(
    @Param('id', UuidParam) id: string,
    @Body() body: NotificationPreferenceDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.preferences.setForOrganisation(id, body, actor);
  }
}
