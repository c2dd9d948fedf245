import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { equityOptions } from '../common/views/equity-options';
import { SEXES } from '../common/vocabulary';
import { EquityDetailsDto } from './case.dto';
import { caseFormModel, text } from './case-forms';
import { CaseFileService } from './case-file.service';
import { PersonEquityService } from './person-equity.service';

type FormBody = Record<string, unknown>;
const VIEW = 'casework/equity-form';
const NOT_RECORDED = 'not_recorded';

/** Where the link worker corrects the person's sex, ethnic group and religion. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class EquityDetailsPageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly equity: PersonEquityService,
  ) {}

  @Get(':id/equity')
  async form(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const current = await this.equity.get(id, actor);
    const coded = (SEXES as readonly (string | null)[]).includes(current.sex);
    res.render(VIEW, {
      ...(await this.model(id, actor)),
      // Words recorded before sex was coded are shown, so the link worker can ask again.
      earlierSex:
        current.sex !== null && !coded
          ? `Recorded earlier in the person’s own words: “${current.sex}”. Choose the answer they give, or leave it unanswered to keep those words.`
          : undefined,
      values: {
        sex: coded ? current.sex : current.sex === null ? NOT_RECORDED : undefined,
        ethnicity: current.ethnicity ?? '',
        religion: current.religion ?? '',
      },
    });
  }

  @Post(':id/equity')
  async save(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const sex = text(body, 'sex');
    await handlePageForm(req, res, {
      dto: EquityDetailsDto,
      // "Not recorded" clears; an answer left out of the form (an old page) keeps what is there.
      shaped: {
        sex: sex === NOT_RECORDED ? null : sex,
        ethnicity: body.ethnicity === undefined ? undefined : (text(body, 'ethnicity') ?? null),
        religion: body.religion === undefined ? undefined : (text(body, 'religion') ?? null),
      },
      fields: (errors) =>
        errors.map((e) => ({
          field: e.field,
          message: 'Choose one of the answers listed',
        })),
      act: (v) => this.equity.put(id, actor, v),
      flash: 'Equality details saved',
      redirect: `/cases/${id}`,
      view: VIEW,
      model: () => this.model(id, actor),
    });
  }

  private async model(id: string, actor: AuthenticatedUser) {
    const options = equityOptions();
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Equality details')),
      sexes: [...options.sexes, { value: NOT_RECORDED, text: 'Not recorded' }],
      ethnicities: options.ethnicities,
      religions: options.religions,
    };
  }
}
