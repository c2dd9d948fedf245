import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, AnyRole, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { pageLimit } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CloseCaseDto, LetterQuery, ListCasesQuery } from './case.dto';
import { CaseClosureService } from './case-closure.service';
import { CaseFileService } from './case-file.service';
import { CaseloadService } from './caseload.service';
import { transferLetterModel, TRANSFER_LETTER_VIEW } from './transfer-letter';

@ApiTags('cases')
@Allow('link_worker', 'admin')
@Controller('api/cases')
export class CaseApiController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly closure: CaseClosureService,
    private readonly caseload: CaseloadService,
  ) {}

  @Get()
  @Allow('team_lead', 'link_worker', 'admin')
  @ApiOkResponse({
    description:
      'Caseload, searched and filtered (a link worker: own cases and those of colleagues covered today, marked `coverFor`; a team lead: every case of its service; an admin: all): in crisis first, then overdue reviews, then by review date',
  })
  list(@Query() query: ListCasesQuery, @CurrentUser() actor: AuthenticatedUser) {
    return this.caseload.list(actor, { ...query, limit: pageLimit(query) });
  }

  /**
   * Every role may ask; only the assigned link worker, the team lead of its service and admins
   * learn the case exists (404 for others).
   */
  @Get(':id')
  @AnyRole()
  get(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.caseFile.get(id, actor);
  }

  @Get(':id/timeline')
  @Allow('team_lead', 'link_worker', 'admin')
  async timeline(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return { items: await this.caseFile.timeline(id, actor) };
  }

  @Post(':id/close')
  @HttpCode(200)
  close(
    @Param('id', UuidParam) id: string,
    @Body() body: CloseCaseDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.closure.close(id, actor, body);
  }

  /** JSON by default; `?format=html` gives the printable letter for the person to take with them. */
  @Get(':id/transfer-summary')
  async transferSummary(
    @Param('id', UuidParam) id: string,
    @Query() query: LetterQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const summary = await this.closure.transferSummary(id, actor);
    if (query.format !== 'html') return summary;
    const html = await new Promise<string>((resolve, reject) =>
      res.app.render(TRANSFER_LETTER_VIEW, transferLetterModel(summary), (err, out) =>
        err ? reject(err) : resolve(out),
      ),
    );
    res.type('html');
    return html;
  }
}
