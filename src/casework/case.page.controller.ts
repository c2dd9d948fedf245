import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { UsersService } from '../auth/users.service';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CaseFileService } from './case-file.service';
import { casePageModel, caseloadPageModel, timelineModel } from './case-page.model';
import { caseWorkModel } from './work-day-page.model';
import { WorkDayService } from './work-day.service';

/**
 * The link worker's caseload and the case page (a team lead reads its service's cases, without
 * sensitive detail); the forms that change a case have their own controllers.
 */
@ApiExcludeController()
@Allow('team_lead', 'link_worker', 'admin')
@Controller('cases')
export class CasePageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly users: UsersService,
    private readonly workDay: WorkDayService,
  ) {}

  @Get()
  async caseload(
    @CurrentUser() actor: AuthenticatedUser,
    @Query('cursor') cursor: string | undefined,
    @Res() res: Response,
  ) {
    const page = await this.caseFile.list(actor, { limit: 50, cursor });
    const names =
      actor.role === 'link_worker'
        ? new Map<string, string>()
        : await this.linkWorkerNames(page.items.map((c) => c.linkWorkerId));
    res.render('casework/caseload', caseloadPageModel(page, actor, names));
  }

  @Get(':id')
  async casePage(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const { detail, timeline } = await this.caseFile.withTimeline(id, actor);
    const linkWorker = (await this.linkWorkerNames([detail.linkWorkerId])).get(detail.linkWorkerId);
    const work = await this.workDay.casePanel(id, actor);
    res.render('casework/case', {
      ...casePageModel(detail, actor, linkWorker),
      timeline: timelineModel(timeline),
      work: caseWorkModel(work, id),
    });
  }

  private async linkWorkerNames(ids: string[]): Promise<Map<string, string>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((u) => [u.id, u.name]));
  }
}
