import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { CRISIS_WORDS } from './case-words';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CRISIS_TYPES } from '../common/vocabulary';
import { RecordCrisisDto, ResolveCrisisDto } from './case.dto';
import { caseFormModel, codeItems, dateFromParts, text, YES_NO, yesNo } from './case-forms';
import { CaseFileService } from './case-file.service';
import { CrisisService } from './crisis.service';

type FormBody = Record<string, unknown>;
const RECORD_VIEW = 'casework/crisis-form';
const RESOLVE_VIEW = 'casework/resolve-crisis-form';

/** Recording a crisis point (which can pause placements) and resolving it. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class CrisisPageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly crises: CrisisService,
  ) {}

  @Get(':id/crisis-points/new')
  async crisisForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(RECORD_VIEW, await this.recordModel(id, actor));
  }

  @Post(':id/crisis-points')
  async recordCrisis(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: RecordCrisisDto,
      words: CRISIS_WORDS,
      shaped: {
        type: text(body, 'type'),
        occurredAt: dateFromParts(body, 'occurredAt'),
        note: text(body, 'note'),
        pausePlacements: yesNo(body, 'pausePlacements'),
      },
      dateFields: ['occurredAt'],
      act: (v) => this.crises.record(id, actor, v),
      flash: 'Crisis point recorded. The case is due for review within 7 days.',
      redirect: `/cases/${id}`,
      view: RECORD_VIEW,
      model: () => this.recordModel(id, actor),
    });
  }

  @Get(':id/crisis-points/:crisisId/resolve')
  async resolveForm(
    @Param('id', UuidParam) id: string,
    @Param('crisisId', UuidParam) crisisId: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(RESOLVE_VIEW, await this.resolveModel(id, crisisId, actor));
  }

  @Post(':id/crisis-points/:crisisId/resolve')
  async resolveCrisis(
    @Param('id', UuidParam) id: string,
    @Param('crisisId', UuidParam) crisisId: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: ResolveCrisisDto,
      words: CRISIS_WORDS,
      shaped: {
        resolvedAt: dateFromParts(body, 'resolvedAt'),
        resumePlacements: yesNo(body, 'resumePlacements'),
      },
      dateFields: ['resolvedAt'],
      act: (v) => this.crises.resolve(id, crisisId, actor, v),
      flash: 'Crisis point resolved',
      redirect: `/cases/${id}`,
      view: RESOLVE_VIEW,
      model: () => this.resolveModel(id, crisisId, actor),
    });
  }

  private async recordModel(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Record a crisis point')),
      types: [{ value: '', text: 'Choose a type' }, ...codeItems(CRISIS_TYPES)],
      yesNo: YES_NO,
    };
  }

  private async resolveModel(id: string, crisisId: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Resolve a crisis point')),
      crisisId,
      yesNo: YES_NO,
    };
  }
}
