import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, ThrottleGroup } from '../common/auth/auth.decorators';
import { FieldCipher, FieldCipherError } from '../common/crypto/field-cipher';
import { notFound } from '../common/domain-error';
import { handlePageForm, labelled, validateForm } from '../common/forms/page-form';
import { shapeReferralForm } from './referral-form';
import { SelfReferralDto } from './referral.dto';
import { ReferralsService } from './referrals.service';
import {
  checkAnswerRows,
  isStep,
  nextHref,
  pickStepAnswers,
  previousHref,
  SELF_REFERRAL_OPTIONS,
  SELF_REFERRAL_STEPS,
  STEP_SPECS,
  stepErrors,
  stepHref,
  stepOfField,
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

/**
 * The public self-referral as GOV.UK "one thing per page": a start page, a page per question with
 * the answers kept in the session (no JavaScript needed), "Check your answers", then the same
 * ReferralsService.create the API uses. Only the final submission is throttled and spam-trapped.
 */
@ApiExcludeController()
@Public()
@Controller('self-referral')
export class SelfReferralPageController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly cipher: FieldCipher,
  ) {}

  @Get()
  start(@Res() res: Response): void {
    res.render('referrals/self-referral/start', {
      title: 'Ask for support from a link worker',
      startHref: stepHref(SELF_REFERRAL_STEPS[0]),
    });
  }

  // Declared before `:step`, so these paths are never read as a step.
  @Get('check')
  async checkAnswers(@Req() req: Request, @Res() res: Response): Promise<void> {
    const answers = this.answersOf(req);
    const firstGap = await this.firstIncompleteStep(answers);
    if (firstGap) return res.redirect(303, stepHref(firstGap));
    res.render(CHECK_VIEW, this.checkModel(answers));
  }

  @ThrottleGroup('public_form')
  @Post('check')
  async send(@Body() body: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answers = this.answersOf(req);
    // An answer missing or wrong (the session lapsed, a page was skipped): back to its page.
    const { errors } = await validateForm(SelfReferralDto, this.shaped(answers));
    if (errors) {
      const step = stepOfField(errors.errors[0].field) ?? SELF_REFERRAL_STEPS[0];
      return res.redirect(303, stepHref(step));
    }
    const website = typeof body.website === 'string' ? body.website.trim() : '';
    await handlePageForm(req, res, {
      dto: SelfReferralDto,
      shaped: this.shaped(answers),
      check: () => (website === '' ? [] : (spamTrap().errors ?? []).map(labelled)),
      act: async (value) => {
        const created = await this.referrals.create(
          { ...value, channel: 'self' },
          null,
          undefined,
          req.ip,
        );
        // The answers leave the session once sent; only the reference stays, for the next page.
        const state = stateOf(req);
        state.sealedAnswers = undefined;
        state.sentReference = created.reference;
      },
      redirect: '/self-referral/sent',
      view: CHECK_VIEW,
      model: () => this.checkModel(answers),
    });
  }

  @Get('sent')
  sent(@Req() req: Request, @Res() res: Response): void {
    const reference = stateOf(req).sentReference;
    if (!reference) return res.redirect(303, '/self-referral');
    res.render('referrals/self-referral-sent', { title: 'We have your request', reference });
  }

  @Get(':step')
  question(
    @Param('step') step: string,
    @Query('change') change: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    if (!isStep(step)) throw notFound('Page');
    res.render(`referrals/self-referral/${step}`, {
      ...this.questionModel(step, change === 'true'),
      values: this.answersOf(req),
    });
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
    // The whole request is validated on every page; only this page's questions are asked here.
    await handlePageForm(req, res, {
      dto: SelfReferralDto,
      shaped: this.shaped(answers),
      fields: (errors) => stepErrors(step, errors.map(labelled), answers),
      act: async () => {
        stateOf(req).sealedAnswers = this.cipher.encrypt(JSON.stringify(answers));
      },
      redirect: change ? '/self-referral/check' : nextHref(step),
      view: `referrals/self-referral/${step}`,
      model: () => this.questionModel(step, change),
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

  private questionModel(step: SelfReferralStep, change: boolean) {
    return {
      title: STEP_SPECS[step].title,
      heading: STEP_SPECS[step].title,
      action: stepHref(step),
      backHref: change ? '/self-referral/check' : previousHref(step),
      change,
      options: SELF_REFERRAL_OPTIONS,
    };
  }

  private checkModel(answers: Answers) {
    return {
      title: 'Check your answers before sending your request',
      backHref: stepHref('consent'),
      rows: checkAnswerRows(answers),
    };
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
