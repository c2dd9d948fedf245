import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import { countryDisplayName } from '../common/i18n/code-choices';
import { languageName } from '../common/validation/iso-codes';
import { formatDate } from '../common/views/dates';
import { humanLabel } from '../common/views/labels';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { keepChoices, MergePersonDto } from './person-merge.dto';
import { PersonMergeService } from './person-merge.service';
import { mergeReviewView, type MergeField } from './person-merge.views';

const VIEW = 'casework/person-merge';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Where a form may send the browser back to: a referral or a case of this Linkway. */
const RETURN_TO = /^\/(referrals|cases)\/[0-9a-f-]{36}$/i;

const FIELD_WORDS: Record<string, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  ethnicity: 'Ethnic group',
  religion: 'Religion',
  postcode: 'Postcode',
  phone: 'Phone',
  email: 'Email',
  preferredContact: 'Best way to contact',
  preferredLanguage: 'Preferred language',
  interpreterNeeded: 'Interpreter needed',
  interpreterLanguage: 'Interpreter’s language',
  interpreterDialect: 'Interpreter’s dialect',
  interpreterGender: 'Interpreter: a woman or a man',
  interpreterMode: 'Interpreter: how',
  gpRegistered: 'Registered with a GP',
  nhsNumber: 'NHS number',
  accessNeeds: 'Access needs',
  'migrationProfile.countryOfBirth': 'Country of birth',
  'migrationProfile.nationality': 'Nationality',
  'migrationProfile.yearOfArrival': 'Year of arrival',
  'migrationProfile.mainLanguage': 'Main language',
  'migrationProfile.migrantStatus': 'Migrant status',
  'migrationProfile.interpreterNeeded': 'Interpreter needed (migration profile)',
};

const LANGUAGE_FIELDS = new Set([
  'preferredLanguage',
  'interpreterLanguage',
  'migrationProfile.mainLanguage',
]);
const COUNTRY_FIELDS = new Set(['migrationProfile.countryOfBirth', 'migrationProfile.nationality']);
const CODE_FIELDS = new Set([
  'sex',
  'ethnicity',
  'religion',
  'preferredContact',
  'interpreterGender',
  'interpreterMode',
  'migrationProfile.migrantStatus',
]);

/** A field's value as a reviewer reads it: words for codes, UK dates, "Not recorded" for none. */
function shown(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return 'Not recorded';
  if (v === true) return 'Yes';
  if (v === false) return 'No';
  const text = String(v);
  if (LANGUAGE_FIELDS.has(field)) return languageName(text) ?? text;
  if (COUNTRY_FIELDS.has(field)) return countryDisplayName(text) ?? text;
  if (CODE_FIELDS.has(field)) return humanLabel(text);
  if (field === 'dateOfBirth') return formatDate(text);
  return text;
}

/** The form's `keep.<field>` radios, shaped as the API's body. */
function shapedBody(body: Record<string, unknown>): Record<string, unknown> {
  const keep: Record<string, unknown> = {};
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('keep.migrationProfile.')) profile[key.slice(22)] = value;
    else if (key.startsWith('keep.')) keep[key.slice(5)] = value;
  }
  if (Object.keys(profile).length) keep.migrationProfile = profile;
  return { intoPersonId: body.intoPersonId, keep };
}

/**
 * Two people intake flagged as possibly the same, side by side: merge one into the other, choosing
 * field by field where they differ, or say they are not the same person. For admins and the link
 * worker who holds a case of each (as the API); anyone else is told the people do not exist.
 */
@ApiExcludeController()
@Allow('admin', 'link_worker')
@Controller('people/:id')
export class PersonMergePageController {
  constructor(private readonly merges: PersonMergeService) {}

  @Get('merge')
  async review(
    @Param('id', UuidParam) id: string,
    @Query('into') into: unknown,
    @Query('returnTo') returnTo: unknown,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    if (typeof into !== 'string' || !UUID.test(into)) throw notFound('Person');
    res.render(VIEW, await this.model(id, into, actor, returnTo));
  }

  @Post('merge')
  async merge(
    @Param('id', UuidParam) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const into = typeof body.intoPersonId === 'string' ? body.intoPersonId : '';
    const back = safeReturn(body.returnTo);
    await handlePageForm(req, res, {
      dto: MergePersonDto,
      shaped: shapedBody(body),
      act: (dto) => this.merges.merge(id, dto.intoPersonId, keepChoices(dto.keep), actor),
      flash: 'The two records are now one person. Their referrals, cases and history are together.',
      redirect: back ?? '/cases',
      view: VIEW,
      model: () =>
        UUID.test(into) && into.toLowerCase() !== id.toLowerCase()
          ? this.model(id, into, actor, back)
          : { title: 'Are these the same person?', personId: id, values: body },
      values: body,
    });
  }

  @Post('duplicates/:otherPersonId/dismiss')
  async dismiss(
    @Param('id', UuidParam) id: string,
    @Param('otherPersonId', UuidParam) otherId: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const back = safeReturn(body.returnTo);
    await handlePageForm(req, res, {
      act: () => this.merges.dismissDuplicate(id, otherId, actor),
      flash: 'Recorded: these are different people. The flag will not be shown again.',
      redirect: back ?? '/cases',
      view: VIEW,
      model: () => this.model(id, otherId, actor, back),
    });
  }

  private async model(id: string, into: string, actor: AuthenticatedUser, returnTo: unknown) {
    const review = mergeReviewView(await this.merges.review(id, into, actor));
    return {
      title: 'Are these the same person?',
      review,
      returnTo: safeReturn(returnTo),
      rows: review.fields.map((f) => this.row(f)),
      conflicts: review.fields.filter((f) => f.conflict).length,
    };
  }

  private row(f: MergeField) {
    const label = FIELD_WORDS[f.field] ?? f.field;
    return {
      field: f.field,
      label,
      merged: shown(f.field, f.merged),
      into: shown(f.field, f.into),
      conflict: f.conflict,
      choices: f.conflict
        ? [
            { value: 'into', text: `${shown(f.field, f.into)} (the record kept)`, checked: true },
            {
              value: 'merged',
              text: `${shown(f.field, f.merged)} (the record merged into it)`,
            },
          ]
        : null,
    };
  }
}

function safeReturn(v: unknown): string | null {
  return typeof v === 'string' && RETURN_TO.test(v) ? v : null;
}
