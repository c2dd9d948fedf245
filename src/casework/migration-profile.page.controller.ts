import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import {
  INTERPRETER_GENDER_CHOICES,
  INTERPRETER_MODE_CHOICES,
  interpreterFrom,
  interpreterValues,
} from '../common/forms/interpreter-form';
import { handlePageForm } from '../common/forms/page-form';
import { MIGRATION_PROFILE_WORDS } from './case-words';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { MIGRANT_STATUSES } from '../common/vocabulary';
import { MigrationProfileDto } from './case.dto';
import { byName, caseFormModel, codeItems, text, YES_NO, yesNo } from './case-forms';
import {
  countryChoices,
  countryCodeFor,
  languageChoices,
  languageCodeFor,
} from '../common/i18n/code-choices';
import { CaseFileService } from './case-file.service';
import { MigrationProfileService } from './migration-profile.service';

type FormBody = Record<string, unknown>;
const VIEW = 'casework/migration-profile-form';

/** The migration details form: status, country of birth, nationality, arrival, language. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class MigrationProfilePageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly profiles: MigrationProfileService,
  ) {}

  @Get(':id/migration-profile')
  async profileForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const profile = await this.profiles.get(id, actor);
    const values = {
      ...profile,
      ...interpreterValues(profile.interpreter, 'interpreter'),
      yearOfArrival: profile.yearOfArrival ?? undefined,
      interpreterNeeded:
        profile.interpreterNeeded === null ? undefined : profile.interpreterNeeded ? 'yes' : 'no',
    };
    res.render(VIEW, { ...(await this.model(id, actor)), values });
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
    await handlePageForm(req, res, {
      dto: MigrationProfileDto,
      words: MIGRATION_PROFILE_WORDS,
      shaped: {
        countryOfBirth: byName(orNull('countryOfBirth'), countryCodeFor),
        nationality: byName(orNull('nationality'), countryCodeFor),
        yearOfArrival: year === undefined ? null : /^\d+$/.test(year) ? Number(year) : year,
        mainLanguage: byName(orNull('mainLanguage'), languageCodeFor),
        migrantStatus: orNull('migrantStatus'),
        interpreterNeeded: yesNo(body, 'interpreterNeeded') ?? null,
        interpreter: interpreterFrom(body, 'interpreter') ?? null,
      },
      act: (v) => this.profiles.put(id, actor, v),
      flash: 'Migration details saved',
      redirect: `/cases/${id}`,
      view: VIEW,
      model: () => this.model(id, actor),
    });
  }

  private async model(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Migration details')),
      statuses: [{ value: '', text: 'Not recorded' }, ...codeItems(MIGRANT_STATUSES)],
      countries: [{ value: '', text: 'Not recorded' }, ...countryChoices()],
      languages: [{ value: '', text: 'Not recorded' }, ...languageChoices()],
      yesNo: YES_NO,
      interpreterGenders: INTERPRETER_GENDER_CHOICES,
      interpreterModes: INTERPRETER_MODE_CHOICES,
    };
  }
}
