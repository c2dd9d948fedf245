import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CaseFileService } from './case-file.service';
import { casePageModel, caseloadPageModel, timelineModel } from './case-page.model';
import { caseWorkModel } from './work-day-page.model';
import { WorkDayService } from './work-day.service';

/** The link worker's caseload and the case page; the forms that change a case have their own. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class CasePageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly workDay: WorkDayService,
  ) {}

  @Get()
  async caseload(
    @CurrentUser() actor: AuthenticatedUser,
    @Query('cursor') cursor: string | undefined,
    @Res() res: Response,
  ) {
    const page = await this.caseFile.list(actor, { limit: 50, cursor });
    res.render('casework/caseload', caseloadPageModel(page, actor));
  }

  @Get(':id')
  async casePage(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const { detail, timeline } = await this.caseFile.withTimeline(id, actor);
    const work = await this.workDay.casePanel(id, actor);
    res.render('casework/case', {
      ...casePageModel(detail, actor),
      timeline: timelineModel(timeline),
      work: caseWorkModel(work, id),
    });
  }
}
