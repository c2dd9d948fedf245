import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ORGANISATION_KINDS } from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import type { WordsTable } from '../common/forms/field-words';
import { handlePageForm } from '../common/forms/page-form';
import { CreateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

type Form = Record<string, unknown>;

const PAGE_SIZE = 50;

const FIELD_MESSAGES: WordsTable = {
  name: 'Enter the organisation’s name',
  kind: 'Select the kind of organisation',
  postcode: 'Enter a real UK postcode, like NG7 1AA',
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Administrators keep the list of referring organisations and community group providers. */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/organisations')
export class OrganisationsPageController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  async list(@Query('cursor') cursor: string | undefined, @Res() res: Response): Promise<void> {
    const page = await this.organisations.list({
      limit: PAGE_SIZE,
      cursor: typeof cursor === 'string' ? cursor : undefined,
    });
    res.render('admin/organisations', {
      title: 'Organisations',
      organisations: page.items.map((o) => ({ ...o, kindLabel: humanLabel(o.kind) })),
      nextHref: page.nextCursor
        ? `/admin/organisations?cursor=${encodeURIComponent(page.nextCursor)}`
        : undefined,
      previousHref: cursor ? '/admin/organisations' : undefined,
    });
  }

  @Get('new')
  newOrganisation(@Res() res: Response): void {
    res.render('admin/organisations-new', formModel({}));
  }

  @Post('new')
  async create(
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values = { name: text(form.name), kind: text(form.kind), postcode: text(form.postcode) };
    await handlePageForm(req, res, {
      dto: CreateOrganisationDto,
      shaped: { ...values, postcode: values.postcode || undefined },
      words: FIELD_MESSAGES,
      act: (v) => this.organisations.create(v, actor.id),
      flash: (created) => `${created.name} was added.`,
      redirect: '/admin/organisations',
      view: 'admin/organisations-new',
      model: () => formModel(values),
    });
  }
}

function formModel(values: Record<string, string>) {
  return {
    title: 'Add an organisation',
    values,
    kindOptions: [
      { value: '', text: 'Choose a kind' },
      ...ORGANISATION_KINDS.map((k) => ({ value: k, text: humanLabel(k) })),
    ],
  };
}
