import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { NEEDS_DOMAINS, type NeedsDomain } from '../common/vocabulary';
import { NeedsAssessmentDto } from './case.dto';
import { caseFormModel, codeItems, domainRows, needsFieldErrors, shapeNeeds } from './case-forms';
import { CaseFileService } from './case-file.service';
import { NeedsService } from './needs.service';

type FormBody = Record<string, unknown>;
const VIEW = 'casework/needs-form';

/** The holistic needs assessment: a severity per domain, what matters most, what matters to me. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class NeedsPageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly needs: NeedsService,
  ) {}

  @Get(':id/needs')
  async needsForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const { latest } = await this.needs.history(id, actor);
    const values: FormBody = {
      whatMattersToMe: latest?.whatMattersToMe ?? undefined,
      priorities: [],
    };
    for (const n of latest?.needs ?? []) {
      values[`severity_${n.domain}`] = String(n.severity);
      if (n.priority) (values.priorities as string[]).push(n.domain);
    }
    res.render(VIEW, { ...(await this.model(id, actor)), values });
  }

  @Post(':id/needs')
  async saveNeeds(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const shaped = shapeNeeds(body);
    const domains = shaped.needs.map((n) => n.domain as NeedsDomain);
    await handlePageForm(req, res, {
      dto: NeedsAssessmentDto,
      shaped,
      fields: (errors) => needsFieldErrors(errors, domains),
      act: (v) => this.needs.assess(id, actor, v),
      flash: 'Needs assessment saved',
      redirect: `/cases/${id}`,
      view: VIEW,
      model: () => this.model(id, actor),
    });
  }

  private async model(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Assess needs')),
      domains: domainRows(),
      domainItems: codeItems(NEEDS_DOMAINS),
    };
  }
}
