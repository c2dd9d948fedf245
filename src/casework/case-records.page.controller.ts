import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { FieldError } from '../common/domain-error';
import { handlePageForm, labelled } from '../common/forms/page-form';
import { ONWARD_REFERRAL_WORDS, OUTCOME_WORDS } from './case-words';
import { UuidParam } from '../common/http/uuid-param.pipe';
import {
  OUTCOME_INSTRUMENTS,
  OUTCOME_TIMEPOINTS,
  type OutcomeInstrument,
} from '../common/vocabulary';
import { OnwardReferralDto, OutcomeDto } from './case.dto';
import { caseFormModel, codeItems, text } from './case-forms';
import { CaseFileService } from './case-file.service';
import { CaseRecordsService } from './case-records.service';
import { ONWARD_REFERRAL_SERVICES } from './casework.vocabulary';
import { QUESTIONNAIRES } from './outcome-questionnaires';
import { SWEMWBS_COPYRIGHT } from './scoring/swemwbs';

type FormBody = Record<string, unknown>;
const ONWARD_VIEW = 'casework/onward-referral-form';
const OUTCOME_VIEW = 'casework/outcome-form';

/** What is recorded on a case as it goes: onward referrals and outcome measures. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class CaseRecordsPageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly records: CaseRecordsService,
  ) {}

  @Get(':id/onward-referrals/new')
  async onwardForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(ONWARD_VIEW, await this.onwardModel(id, actor));
  }

  @Post(':id/onward-referrals')
  async referOnward(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: OnwardReferralDto,
      words: ONWARD_REFERRAL_WORDS,
      shaped: { service: text(body, 'service'), reason: text(body, 'reason') },
      act: (v) => this.records.referOnward(id, actor, v),
      flash: 'Onward referral recorded',
      redirect: `/cases/${id}`,
      view: ONWARD_VIEW,
      model: () => this.onwardModel(id, actor),
    });
  }

  @Get(':id/outcomes/new')
  async outcomeForm(
    @Param('id', UuidParam) id: string,
    @Query('instrument') instrument: string | undefined,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(OUTCOME_VIEW, await this.outcomeModel(id, actor, instrument));
  }

  @Post(':id/outcomes')
  async recordOutcome(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const instrument = text(body, 'instrument');
    const answers = (questionnaireOf(instrument).questions ?? []).map((_, i) => {
      const a = text(body, `answer_${i}`);
      return a === undefined ? null : Number(a);
    });
    await handlePageForm(req, res, {
      dto: OutcomeDto,
      shaped: { instrument, timepoint: text(body, 'timepoint'), answers },
      fields: (errors) => errors.map((e) => labelled(e, OUTCOME_WORDS)).map(onAnswerControls),
      act: (v) => this.records.recordOutcome(id, actor, v),
      flash: 'Outcome measure recorded',
      redirect: `/cases/${id}#outcomes`,
      view: OUTCOME_VIEW,
      model: () => this.outcomeModel(id, actor, instrument),
    });
  }

  private async onwardModel(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Record an onward referral')),
      services: codeItems(ONWARD_REFERRAL_SERVICES),
    };
  }

  private async outcomeModel(id: string, actor: AuthenticatedUser, instrument: string | undefined) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Record an outcome measure')),
      ...questionnaireOf(instrument),
    };
  }
}

/** Errors on answers[i] name question i's radios; a missing list asks for every answer. */
function onAnswerControls(e: FieldError): FieldError {
  const m = /^answers\[(\d+)\]$/.exec(e.field);
  if (m) return { field: `answer_${m[1]}`, message: `Answer question ${Number(m[1]) + 1}` };
  return e.field === 'answers' ? { field: 'answer_0', message: 'Answer every question' } : e;
}

function questionnaireOf(instrument: string | undefined) {
  const chosen = (OUTCOME_INSTRUMENTS as readonly string[]).includes(instrument ?? '')
    ? (instrument as OutcomeInstrument)
    : undefined;
  const q = chosen ? QUESTIONNAIRES[chosen] : undefined;
  return {
    instrument: chosen,
    instruments: OUTCOME_INSTRUMENTS.map((i) => ({ value: i, text: QUESTIONNAIRES[i].title })),
    timepoints: codeItems(OUTCOME_TIMEPOINTS),
    questionnaire: q,
    questions: q?.items.map((item, i) => ({
      name: `answer_${i}`,
      text: `${i + 1}. ${item}`,
      choices: q.choices,
    })),
    isSwemwbs: chosen === 'SWEMWBS',
    swemwbsCopyright: SWEMWBS_COPYRIGHT,
  };
}
