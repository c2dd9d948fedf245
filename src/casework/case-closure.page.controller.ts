import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { CLOSE_CASE_WORDS } from './case-words';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CASE_CLOSE_REASONS } from '../common/vocabulary';
import { CloseCaseDto } from './case.dto';
import { caseFormModel, codeItems, list, text } from './case-forms';
import { CaseClosureService } from './case-closure.service';
import { CaseFileService } from './case-file.service';
import { transferLetterModel, TRANSFER_LETTER_VIEW } from './transfer-letter';

type FormBody = Record<string, unknown>;
const VIEW = 'casework/close-form';

const CONSENT_ITEMS = [
  { value: 'yes', text: 'The person agrees to take a transfer summary letter to their next area' },
];

/** Closing a case, and the transfer summary letter the person may take to their next area. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class CaseClosurePageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly closure: CaseClosureService,
  ) {}

  @Get(':id/transfer-summary')
  async transferSummary(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(
      TRANSFER_LETTER_VIEW,
      transferLetterModel(await this.closure.transferSummary(id, actor)),
    );
  }

  @Get(':id/close')
  async closeForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(VIEW, await this.model(id, actor));
  }

  @Post(':id/close')
  async close(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: CloseCaseDto,
      words: CLOSE_CASE_WORDS,
      shaped: {
        reason: text(body, 'reason'),
        note: text(body, 'note'),
        transferConsent: list(body, 'transferConsent').includes('yes'),
      },
      act: (v) => this.closure.close(id, actor, v),
      flash: 'Case closed',
      redirect: `/cases/${id}`,
      view: VIEW,
      model: () => this.model(id, actor),
    });
  }

  private async model(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Close the case')),
      reasons: codeItems(CASE_CLOSE_REASONS),
      consentItems: CONSENT_ITEMS,
    };
  }
}
