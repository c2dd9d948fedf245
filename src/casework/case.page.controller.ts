import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ClassConstructor } from 'class-transformer';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { DomainError, type FieldError } from '../common/domain-error';
import { UuidParam } from '../common/http/uuid-param.pipe';
import {
  CASE_CLOSE_REASONS,
  CRISIS_TYPES,
  MIGRANT_STATUSES,
  NEEDS_DOMAINS,
  OUTCOME_INSTRUMENTS,
  OUTCOME_TIMEPOINTS,
  SAFEGUARDING_FLAGS,
  type NeedsDomain,
  type OutcomeInstrument,
} from '../common/vocabulary';
import { fieldId, formErrors, validateForm } from '../web/page-form';
import { setFlash } from '../common/views/flash';
import {
  CloseCaseDto,
  MigrationProfileDto,
  NeedsAssessmentDto,
  OnwardReferralDto,
  OutcomeDto,
  RecordCrisisDto,
  ResolveCrisisDto,
  SafeguardingDto,
} from './case.dto';
import {
  codeItems,
  dateFromParts,
  domainRows,
  list,
  needsFieldErrors,
  shapeNeeds,
  text,
  YES_NO,
  yesNo,
} from './case-forms';
import { CaseClosureService } from './case-closure.service';
import { CaseFileService } from './case-file.service';
import { CaseRecordsService } from './case-records.service';
import { casePageModel, caseloadPageModel, timelineModel } from './case-page.model';
import { transferLetterModel, TRANSFER_LETTER_VIEW } from './transfer-letter';
import { ONWARD_REFERRAL_SERVICES } from './casework.vocabulary';
import { CrisisService } from './crisis.service';
import { MigrationProfileService } from './migration-profile.service';
import { NeedsService } from './needs.service';
import { QUESTIONNAIRES } from './outcome-questionnaires';
import { SafeguardingService } from './safeguarding.service';
import { SWEMWBS_COPYRIGHT } from './scoring/swemwbs';

type FormBody = Record<string, unknown>;

interface FormSpec<T extends object> {
  dto: ClassConstructor<T>;
  shaped: FormBody;
  view: string;
  model: FormBody;
  run: (value: T) => Promise<unknown>;
  flash: string;
  redirect: string;
  /** Renames fields of validation errors to the form's controls. */
  fields?: (errors: FieldError[]) => FieldError[];
}

/** The link worker's caseload, case page and the forms that change a case. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class CasePageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly profiles: MigrationProfileService,
    private readonly needs: NeedsService,
    private readonly safeguarding: SafeguardingService,
    private readonly crises: CrisisService,
    private readonly records: CaseRecordsService,
    private readonly closure: CaseClosureService,
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
    res.render('casework/case', {
      ...casePageModel(detail, actor),
      timeline: timelineModel(timeline),
    });
  }

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

  @Get(':id/migration-profile')
  async profileForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const profile = await this.profiles.get(id, actor);
    const values = {
      ...profile,
      yearOfArrival: profile.yearOfArrival ?? undefined,
      interpreterNeeded:
        profile.interpreterNeeded === null ? undefined : profile.interpreterNeeded ? 'yes' : 'no',
    };
    res.render('casework/migration-profile-form', {
      ...(await this.formModel(id, actor, 'Migration details')),
      values,
      ...profileChoices(),
    });
  }

  @Post(':id/migration-profile')
  async saveProfile(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const year = text(body, 'yearOfArrival');
    const orNull = (name: string) => text(body, name) ?? null;
    await this.submit(req, res, body, {
      dto: MigrationProfileDto,
      shaped: {
        countryOfBirth: orNull('countryOfBirth')?.toUpperCase() ?? null,
        nationality: orNull('nationality')?.toUpperCase() ?? null,
        yearOfArrival: year === undefined ? null : /^\d+$/.test(year) ? Number(year) : year,
        mainLanguage: orNull('mainLanguage')?.toLowerCase() ?? null,
        migrantStatus: orNull('migrantStatus'),
        interpreterNeeded: yesNo(body, 'interpreterNeeded') ?? null,
      },
      view: 'casework/migration-profile-form',
      model: { ...(await this.formModel(id, actor, 'Migration details')), ...profileChoices() },
      run: (v) => this.profiles.put(id, actor, v),
      flash: 'Migration details saved',
      redirect: `/cases/${id}`,
    });
  }

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
    res.render('casework/needs-form', {
      ...(await this.formModel(id, actor, 'Assess needs')),
      domains: domainRows(),
      domainItems: codeItems(NEEDS_DOMAINS),
      values,
    });
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
    await this.submit(req, res, body, {
      dto: NeedsAssessmentDto,
      shaped,
      view: 'casework/needs-form',
      model: {
        ...(await this.formModel(id, actor, 'Assess needs')),
        domains: domainRows(),
        domainItems: codeItems(NEEDS_DOMAINS),
      },
      run: (v) => this.needs.assess(id, actor, v),
      flash: 'Needs assessment saved',
      redirect: `/cases/${id}`,
      fields: (errors) => needsFieldErrors(errors, domains),
    });
  }

  @Get(':id/safeguarding')
  async safeguardingForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const model = await this.formModel(id, actor, 'Safeguarding flags');
    res.render('casework/safeguarding-form', {
      ...model,
      flagItems: codeItems(SAFEGUARDING_FLAGS),
      values: { flags: [] },
    });
  }

  @Post(':id/safeguarding')
  async saveSafeguarding(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.submit(req, res, body, {
      dto: SafeguardingDto,
      shaped: { flags: list(body, 'flags'), note: text(body, 'note') },
      view: 'casework/safeguarding-form',
      model: {
        ...(await this.formModel(id, actor, 'Safeguarding flags')),
        flagItems: codeItems(SAFEGUARDING_FLAGS),
      },
      run: (v) => this.safeguarding.set(id, actor, v),
      flash: 'Safeguarding flags saved',
      redirect: `/cases/${id}`,
    });
  }

  @Get(':id/crisis-points/new')
  async crisisForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render('casework/crisis-form', {
      ...(await this.formModel(id, actor, 'Record a crisis point')),
      ...crisisChoices(),
    });
  }

  @Post(':id/crisis-points')
  async recordCrisis(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.submit(req, res, body, {
      dto: RecordCrisisDto,
      shaped: {
        type: text(body, 'type'),
        occurredAt: dateFromParts(body, 'occurredAt'),
        note: text(body, 'note'),
        pausePlacements: yesNo(body, 'pausePlacements'),
      },
      view: 'casework/crisis-form',
      model: { ...(await this.formModel(id, actor, 'Record a crisis point')), ...crisisChoices() },
      run: (v) => this.crises.record(id, actor, v),
      flash: 'Crisis point recorded. The case is due for review within 7 days.',
      redirect: `/cases/${id}`,
    });
  }

  @Get(':id/crisis-points/:crisisId/resolve')
  async resolveForm(
    @Param('id', UuidParam) id: string,
    @Param('crisisId', UuidParam) crisisId: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render('casework/resolve-crisis-form', {
      ...(await this.formModel(id, actor, 'Resolve a crisis point')),
      crisisId,
      yesNo: YES_NO,
    });
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
    await this.submit(req, res, body, {
      dto: ResolveCrisisDto,
      shaped: {
        resolvedAt: dateFromParts(body, 'resolvedAt'),
        resumePlacements: yesNo(body, 'resumePlacements'),
      },
      view: 'casework/resolve-crisis-form',
      model: {
        ...(await this.formModel(id, actor, 'Resolve a crisis point')),
        crisisId,
        yesNo: YES_NO,
      },
      run: (v) => this.crises.resolve(id, crisisId, actor, v),
      flash: 'Crisis point resolved',
      redirect: `/cases/${id}`,
    });
  }

  @Get(':id/onward-referrals/new')
  async onwardForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render('casework/onward-referral-form', {
      ...(await this.formModel(id, actor, 'Record an onward referral')),
      services: codeItems(ONWARD_REFERRAL_SERVICES),
    });
  }

  @Post(':id/onward-referrals')
  async referOnward(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.submit(req, res, body, {
      dto: OnwardReferralDto,
      shaped: { service: text(body, 'service'), reason: text(body, 'reason') },
      view: 'casework/onward-referral-form',
      model: {
        ...(await this.formModel(id, actor, 'Record an onward referral')),
        services: codeItems(ONWARD_REFERRAL_SERVICES),
      },
      run: (v) => this.records.referOnward(id, actor, v),
      flash: 'Onward referral recorded',
      redirect: `/cases/${id}`,
    });
  }

  @Get(':id/outcomes/new')
  async outcomeForm(
    @Param('id', UuidParam) id: string,
    @Query('instrument') instrument: string | undefined,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render('casework/outcome-form', {
      ...(await this.formModel(id, actor, 'Record an outcome measure')),
      ...outcomeModel(instrument),
    });
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
    const q = outcomeModel(instrument);
    const answers = (q.questions ?? []).map((_, i) => {
      const a = text(body, `answer_${i}`);
      return a === undefined ? null : Number(a);
    });
    await this.submit(req, res, body, {
      dto: OutcomeDto,
      shaped: { instrument, timepoint: text(body, 'timepoint'), answers },
      view: 'casework/outcome-form',
      model: { ...(await this.formModel(id, actor, 'Record an outcome measure')), ...q },
      run: (v) => this.records.recordOutcome(id, actor, v),
      flash: 'Outcome measure recorded',
      redirect: `/cases/${id}#outcomes`,
      fields: (errors) =>
        errors.map((e) => {
          const m = /^answers\[(\d+)\]$/.exec(e.field);
          if (m) return { field: `answer_${m[1]}`, message: `Answer question ${Number(m[1]) + 1}` };
          return e.field === 'answers'
            ? { field: 'answer_0', message: 'Answer every question' }
            : e;
        }),
    });
  }

  @Get(':id/close')
  async closeForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render('casework/close-form', {
      ...(await this.formModel(id, actor, 'Close the case')),
      reasons: codeItems(CASE_CLOSE_REASONS),
      consentItems: CONSENT_ITEMS,
    });
  }

  @Post(':id/close')
  async close(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.submit(req, res, body, {
      dto: CloseCaseDto,
      shaped: {
        reason: text(body, 'reason'),
        note: text(body, 'note'),
        transferConsent: list(body, 'transferConsent').includes('yes'),
      },
      view: 'casework/close-form',
      model: {
        ...(await this.formModel(id, actor, 'Close the case')),
        reasons: codeItems(CASE_CLOSE_REASONS),
        consentItems: CONSENT_ITEMS,
      },
      run: (v) => this.closure.close(id, actor, v),
      flash: 'Case closed',
      redirect: `/cases/${id}`,
    });
  }

  private async formModel(id: string, actor: AuthenticatedUser, title: string) {
    const header = await this.caseFile.header(id, actor);
    return {
      title: `${title} – ${header.givenName}`,
      pageHeading: title,
      theCase: header,
      backHref: `/cases/${id}`,
    };
  }

  /** Validates with the API's DTO, runs the change, and re-renders with the values kept on error. */
  private async submit<T extends object>(
    req: Request,
    res: Response,
    body: FormBody,
    spec: FormSpec<T>,
  ) {
    const { value, errors } = await validateForm(spec.dto, spec.shaped);
    let problems: FieldError[] | undefined = errors && toList(errors.fieldErrors);
    if (!problems) {
      try {
        await spec.run(value);
        setFlash(req, spec.flash);
        res.redirect(303, spec.redirect);
        return;
      } catch (e) {
        if (!(e instanceof DomainError) || (e.kind !== 'invalid' && e.kind !== 'conflict')) throw e;
        problems = e.errors?.length
          ? toList(formErrors(e.errors).fieldErrors)
          : [{ field: '', message: e.message }];
      }
    }
    res.status(422).render(spec.view, {
      ...spec.model,
      values: body,
      ...shownErrors(spec.fields ? spec.fields(problems) : problems),
    });
  }
}

const toList = (fieldErrors: Record<string, string>): FieldError[] =>
  Object.entries(fieldErrors).map(([field, message]) => ({ field, message }));

/** Messages are final text here; date fields link to their day box. */
function shownErrors(problems: FieldError[]) {
  const fieldErrors: Record<string, string> = {};
  for (const e of problems) fieldErrors[e.field] ??= e.message;
  return {
    fieldErrors,
    errors: Object.entries(fieldErrors).map(([field, message]) => ({
      field,
      message,
      href: field === '' ? undefined : `#${/At$/.test(field) ? `${field}-day` : fieldId(field)}`,
    })),
  };
}

const CONSENT_ITEMS = [
  { value: 'yes', text: 'The person agrees to take a transfer summary letter to their next area' },
];

function profileChoices() {
  return {
    statuses: [{ value: '', text: 'Not recorded' }, ...codeItems(MIGRANT_STATUSES)],
    yesNo: YES_NO,
  };
}

function crisisChoices() {
  return {
    types: [{ value: '', text: 'Choose a type' }, ...codeItems(CRISIS_TYPES)],
    yesNo: YES_NO,
  };
}

function outcomeModel(instrument: string | undefined) {
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
