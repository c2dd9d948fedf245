import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { IncidentService } from './incident.service';

const cursorOf = (c: string | undefined) => (c && /^[A-Za-z0-9_-]{1,200}$/.test(c) ? c : undefined);

/** Incidents across every group, newest first; suspending or removing happens on the vetting page. */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/incidents')
export class IncidentsPageController {
  constructor(private readonly incidents: IncidentService) {}

  @Get()
  async list(
    @CurrentUser() actor: AuthenticatedUser,
    @Query('cursor') cursor: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const page = await this.incidents.recentAcrossGroups(actor, {
      limit: 50,
      cursor: cursorOf(cursor),
    });
    res.render('admin/incidents', {
      title: 'Incidents',
      items: page.items,
      nextHref: page.nextCursor ? `/admin/incidents?cursor=${page.nextCursor}` : undefined,
    });
  }
}
