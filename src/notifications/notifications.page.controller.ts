import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnyRole } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { InAppNotificationsService } from './in-app-notifications.service';

const actorOf = (req: Request) => req.user as AuthenticatedUser;

const VIEW = 'notifications/notifications';

/** Everyone's notifications; opening one marks it read and follows its link. */
@ApiExcludeController()
@AnyRole()
@Controller('notifications')
export class NotificationsPageController {
  constructor(private readonly notifications: InAppNotificationsService) {}

  @Get()
  async notificationsPage(@Req() req: Request, @Res() res: Response) {
    res.render(VIEW, await this.model(actorOf(req)));
  }

  @Post(':id/read')
  async readNotification(
    @Param('id', UuidParam) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      act: () => this.notifications.markRead(id, actorOf(req)),
      redirect: (n) => (n.link && n.link.startsWith('/') ? n.link : '/notifications'),
      view: VIEW,
      model: () => this.model(actorOf(req)),
    });
  }

  private async model(actor: AuthenticatedUser) {
    const page = await this.notifications.listFor(actor, { limit: 100 });
    return { title: 'Notifications', items: page.items, canChoose: true };
  }
}
