import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, ThrottleGroup } from '../common/auth/auth.decorators';
import { FieldCipher, FieldCipherError } from '../common/crypto/field-cipher';
import { notFound } from '../common/domain-error';
import { allLocales, messages, translatorFor, type Translate } from '../common/i18n/i18n';
import { pageLocaleOf, PersonLocaleInterceptor } from '../common/i18n/page-locale';
import { handlePageForm, validateForm } from '../common/forms/page-form';
import { shapeReferralForm } from './referral-form';
import { SelfReferralDto } from './referral.dto';
import { ReferralsService } from './referrals.service';
import {
  aboutYouRows,
  checkAnswerRows,
  isStep,
  journeyHref,
  nextHref,
  pickStepAnswers,
  previousHref,
  SELF_REFERRAL_STEPS,
  selfReferralOptions,
  STEP_SPECS,
  stepErrors,
  stepHref,
  stepOfField,
  stepPosition,
  withChosenLanguage,
  isOptionalStep,
  OPTIONAL_STEPS,
  type Answers,
  type SelfReferralStep,
} from './self-referral-steps';
import { spamTrap } from './self-referrals.api.controller';

type Form = Record<string, unknown>;

/**
 * What the session keeps between the pages: the answers so far, sealed (they can name a person's
 * health, immigration or safety worries, and the session table is as readable in a dump as any
 * other), then the reference once sent.
 */
interface SelfReferralSession {
  sealedAnswers?: string;
  sentReference?: string;
}
const stateOf = (req: Request): SelfReferralSession => {
  const session = req.session as unknown as { selfReferral?: SelfReferralSession };
  session.selfReferral ??= {};
  return session.selfReferral;
};

const CHECK_VIEW = 'referrals/self-referral/check';
const LANGUAGES_VIEW = 'referrals/self-referral/languages';

/**
 * The public self-referral as GOV.UK "one thing per page": a start page, a page per question with
 * the answers kept in the session (no JavaScript needed), "Check your answers", then the same
 * ReferralsService.create the API uses. Only the final submission is throttled and spam-trapped.
 *
 * Every word comes from the message files, in the language the person chose: `?lang=` on any page,
 * kept in the session (PersonLocaleInterceptor). Until they choose, the first page asks them which
 * language, in each language.
 */
@ApiExcludeController()
@Public()
@UseInterceptors(PersonLocaleInterceptor)
@Controller('self-referral')
export class SelfReferralPageController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly cipher: FieldCipher,
  ) {}

  @Get()
  start(@Res() res: Response): void {
    if (!pageLocaleOf(res).localeChosen) return this.renderLanguages(res, undefined);
    render(res, 'referrals/self-referral/start', {
      title: wordsFor(res)('selfReferral.start.title'),
      startHref: stepHref(SELF_REFERRAL_STEPS[0]),
    });
  }

  // Declared before `:step`, so these paths are never read as a step.
  /** The language picker: each language by its own name, the question in each language. */
  @Get('languages')
  languages(@Query('from') from: string | undefined, @Res() res: Response): void {
    this.renderLanguages(res, from);
  }

  /** How the person's information is used, in their language. */
  @Get('privacy')
  privacy(@Query('from') from: string | undefined, @Res() res: Response): void {
    render(
      res,
      'referrals/self-referral/privacy',
      { title: wordsFor(res)('privacy.title'), backHref: journeyHref(from) },
      from,
    );
  }

  @Get('check')
  async checkAnswers(@Req() req: Request, @Res() res: Response): Promise<void> {
    const answers = this.answersOf(req);
    const firstGap = await this.firstIncompleteStep(answers);
    if (firstGap) return res.redirect(303, stepHref(firstGap));
    render(res, CHECK_VIEW, this.checkModel(answers, res), 'check');
  }

  @ThrottleGroup('public_form')
  @Post('check')
  async send(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    const state = stateOf(req);
    const { locale, localeChosen } = pageLocaleOf(res);
    const answers = withChosenLanguage(this.answersOf(req), localeChosen ? locale : undefined);
    const { value, errors } = await validateForm(SelfReferralDto, this.shaped(answers));
    if (errors) {
      const step = stepOfField(errors.errors[0].field) ?? SELF_REFERRAL_STEPS[0];
      return res.redirect(303, stepHref(step));
    }
    const website = typeof body.website === 'string' ? body.website.trim() : '';
    await handlePageForm(req, res, {
      check: () =>
        website === ''
          ? []
          : (spamTrap().errors ?? []).map(({ field }) => ({
              field,
              message: wordsFor(res)('selfReferral.errors.automated'),
            })),
      act: async () => {
        const created = await this.referrals.create(
          { ...value, channel: 'self' },
          null,
          undefined,
          req.ip,
        );
        // The answers leave the session once sent; only the reference stays, for the next page.
        state.sealedAnswers = undefined;
        state.sentReference = created.reference;
      },
      redirect: '/self-referral/sent',
      view: CHECK_VIEW,
      model: () => withJourneyLinks(CHECK_VIEW, this.checkModel(answers, res), 'check'),
    });
  }

  @Get('sent')
  sent(@Req() req: Request, @Res() res: Response): void {
    const reference = stateOf(req).sentReference;
    if (!reference) return res.redirect(303, '/self-referral');
    render(res, 'referrals/self-referral-sent', {
      title: wordsFor(res)('selfReferral.sent.title'),
      reference,
    });
  }

  @Get(':step')
  question(
    @Param('step') step: string,
    @Query('change') change: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    if (!isStep(step)) throw notFound('Page');
    const { locale, localeChosen } = pageLocaleOf(res);
    const answers = this.answersOf(req);
    render(
      res,
      `referrals/self-referral/${step}`,
      {
        ...this.questionModel(step, change === 'true', res),
        // The language the pages are in is offered as the one to be contacted in.
        values:
          step === 'language'
            ? withChosenLanguage(answers, localeChosen ? locale : undefined)
            : answers,
      },
      step,
    );
  }

  @Post(':step')
  async answer(
    @Param('step') step: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!isStep(step)) throw notFound('Page');
    const kept = Object.fromEntries(
      Object.entries(this.answersOf(req)).filter(([f]) => !STEP_SPECS[step].fields.includes(f)),
    );
    const answers = { ...kept, ...pickStepAnswers(step, body) };
    const change = body.change === 'true';
    const view = `referrals/self-referral/${step}`;
    // The whole request is validated on every page; only this page's questions are asked here.
    await handlePageForm(req, res, {
      dto: SelfReferralDto,
      shaped: this.shaped(answers),
      fields: (errors) => stepErrors(step, errors, answers, wordsFor(res)),
      act: async () => {
        stateOf(req).sealedAnswers = this.cipher.encrypt(JSON.stringify(answers));
      },
      redirect: change ? '/self-referral/check' : nextHref(step),
      view,
      model: () => withJourneyLinks(view, this.questionModel(step, change, res), step),
      values: answers,
    });
  }

  /** The answers so far; none if they cannot be unsealed (say, after a change of key). */
  private answersOf(req: Request): Answers {
    const sealed = stateOf(req).sealedAnswers;
    if (!sealed) return {};
    try {
      return JSON.parse(this.cipher.decrypt(sealed)) as Answers;
    } catch (error) {
      if (error instanceof FieldCipherError) return {};
      throw error;
    }
  }

  private questionModel(step: SelfReferralStep, change: boolean, res: Response) {
    const { locale } = pageLocaleOf(res);
    const t = wordsFor(res);
    const position = stepPosition(step);
    return {
      title: t(STEP_SPECS[step].title),
      heading: t(STEP_SPECS[step].title),
      stepNumber: position.number,
      stepCount: position.count,
      progressKey: isOptionalStep(step)
        ? 'selfReferral.aboutYou.progress'
        : 'selfReferral.progress',
      action: stepHref(step),
      backHref: change ? '/self-referral/check' : previousHref(step),
      change,
      options: selfReferralOptions(t, locale),
    };
  }

  private checkModel(answers: Answers, res: Response) {
    const { locale, localeChosen } = pageLocaleOf(res);
    const t = wordsFor(res);
    return {
      title: t('selfReferral.check.title'),
      backHref: stepHref('consent'),
      rows: checkAnswerRows(
        withChosenLanguage(answers, localeChosen ? locale : undefined),
        t,
        locale,
      ),
      aboutYouRows: aboutYouRows(answers, t, locale),
      aboutYouHref: stepHref(OPTIONAL_STEPS[0]),
    };
  }

  private renderLanguages(res: Response, from: string | undefined): void {
    const target = journeyHref(from);
    render(
      res,
      LANGUAGES_VIEW,
      {
        title: wordsFor(res)('languagePicker.title'),
        languages: allLocales().map((l) => ({
          ...l,
          question: messages.t(l.code, 'languagePicker.title'),
          href: `${target}?lang=${l.code}`,
        })),
      },
      from,
    );
  }

  private shaped(answers: Answers): Form {
    return shapeReferralForm(answers, false);
  }

  /** The first page with an answer missing or wrong, or undefined when all can be sent. */
  private async firstIncompleteStep(answers: Answers): Promise<SelfReferralStep | undefined> {
    const { errors } = await validateForm(SelfReferralDto, this.shaped(answers));
    if (!errors) return undefined;
    return SELF_REFERRAL_STEPS.find((s) => errors.errors.some((e) => stepOfField(e.field) === s));
  }
}

const wordsFor = (res: Response): Translate => translatorFor(pageLocaleOf(res).locale);

/**
 * Every page of the journey links to the language picker (coming back to the same page) and to
 * the privacy notice in the person's language.
 */
function render(res: Response, view: string, model: object, from?: string): void {
  res.render(view, withJourneyLinks(view, model, from));
}

function withJourneyLinks(view: string, model: object, from?: string): object {
  const back = from && journeyHref(from) !== '/self-referral' ? `?from=${from}` : '';
  return {
    ...model,
    languagesHref: view === LANGUAGES_VIEW ? undefined : `/self-referral/languages${back}`,
    privacyHref: `/self-referral/privacy${back}`,
  };
}
