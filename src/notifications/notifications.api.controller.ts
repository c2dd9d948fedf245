import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { pageLimit } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { InAppNotificationsService } from './in-app-notifications.service';
import { ListNotificationsQuery } from './notifications.dto';

@ApiTags('notifications')
@Controller('api/notifications')
export class NotificationsApiController {
  constructor(private readonly notifications: InAppNotificationsService) {}

  /** The signed-in user's notifications, newest first (coordinators also get their organisation's). */
  @AnyRole()
  @Get()
  list(@Query() query: ListNotificationsQuery, @CurrentUser() actor: AuthenticatedUser) {
    return this.notifications.listFor(actor, { ...query, limit: pageLimit(query) });
  }

  @AnyRole()
  @Post(':id/read')
  @HttpCode(200)
  markRead(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.notifications.markRead(id, actor);
  }
}
