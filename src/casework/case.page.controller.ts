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

/** The caseload (with its search and filters) and the case page; the forms that change a case have their own. */
@ApiExcludeController()
@Allow('link_worker', 'team_lead', 'admin')
@Controller('cases')
export class CasePageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly caseloads: CaseloadService,
    private readonly users: UsersService,
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
    const ids = [...new Set(page.items.flatMap((c) => [c.linkWorkerId]))];
    const names = new Map((await this.users.findByIds(ids)).map((u) => [u.id, u.name]));
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
    res.render('casework/case', {
      ...casePageModel(detail, actor),
      timeline: timelineModel(timeline),
    });
  }
}
