import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { UsersService } from '../auth/users.service';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { shownErrors, validateForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { ListCasesQuery } from './case.dto';
import { CaseFileService } from './case-file.service';
import { casePageModel, timelineModel } from './case-page.model';
import { CaseloadService } from './caseload.service';
import { caseloadFilterErrors, caseloadPageModel, shapeCaseloadQuery } from './caseload-page.model';
import { caseWorkModel } from './work-day-page.model';
import { WorkDayService } from './work-day.service';

/**
 * The caseload (with its search and filters) and the case page (a team lead reads its service's
 * cases, without sensitive detail); the forms that change a case have their own controllers.
 */
@ApiExcludeController()
@Allow('team_lead', 'link_worker', 'admin')
@Controller('cases')
export class CasePageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly caseloads: CaseloadService,
    private readonly users: UsersService,
    private readonly workDay: WorkDayService,
  ) {}

  @Get()
  async caseload(
    @CurrentUser() actor: AuthenticatedUser,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const shaped = shapeCaseloadQuery(query);
    const { value, errors } = await validateForm(ListCasesQuery, shaped);
    // Bad filters are named on the page, over the whole caseload, rather than guessed at.
    const applied = errors ? {} : value;
    const page = await this.caseloads.list(actor, { ...applied, limit: 50 });
    // Whose each case is (a team lead's or admin's list), and whom a covering colleague covers.
    const names = await this.linkWorkerNames(page.items.map((c) => c.linkWorkerId));
    res.status(errors ? 422 : 200).render(
      'casework/caseload',
      caseloadPageModel(
        page,
        actor,
        {
          shaped,
          applied,
          errors: errors && shownErrors(caseloadFilterErrors(errors.errors.map((e) => ({ ...e })))),
        },
        names,
      ),
    );
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
