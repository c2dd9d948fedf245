import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { SAFEGUARDING_WORDS } from './case-words';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { SAFEGUARDING_FLAGS } from '../common/vocabulary';
import { SafeguardingDto } from './case.dto';
import { caseFormModel, codeItems, list, text } from './case-forms';
import { CaseFileService } from './case-file.service';
import { SafeguardingService } from './safeguarding.service';

type FormBody = Record<string, unknown>;
const VIEW = 'casework/safeguarding-form';

/** The person's safeguarding flags, which set the vetting level a group needs to take them. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class SafeguardingPageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly safeguarding: SafeguardingService,
  ) {}

  @Get(':id/safeguarding')
  async safeguardingForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(VIEW, { ...(await this.model(id, actor)), values: { flags: [] } });
  }

  @Post(':id/safeguarding')
  async saveSafeguarding(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: SafeguardingDto,
      words: SAFEGUARDING_WORDS,
      shaped: { flags: list(body, 'flags'), note: text(body, 'note') },
      act: (v) => this.safeguarding.set(id, actor, v),
      flash: 'Safeguarding flags saved',
      redirect: `/cases/${id}`,
      view: VIEW,
      model: () => this.model(id, actor),
    });
  }

  private async model(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Safeguarding flags')),
      flagItems: codeItems(SAFEGUARDING_FLAGS),
    };
  }
}
