import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { FieldError } from '../common/domain-error';
import { ORGANISATION_KINDS } from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import { validateForm, type FormErrors } from '../web/page-form';
import { setFlash } from '../common/views/flash';
import { CreateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

type Form = Record<string, unknown>;

const PAGE_SIZE = 50;

const FIELD_MESSAGES: Record<string, string> = {
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
    const { value, errors } = await validateForm(CreateOrganisationDto, {
      ...values,
      postcode: values.postcode || undefined,
    });
    if (errors) {
      res
        .status(422)
        .render('admin/organisations-new', { ...formModel(values), ...sentences(errors) });
      return;
    }
    const created = await this.organisations.create(value, actor.id);
    setFlash(req, `${created.name} was added.`);
    res.redirect(303, '/admin/organisations');
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

/** The form's own sentences instead of the generated "<Label> <message>". */
function sentences(built: FormErrors): FormErrors {
  const message = (e: FieldError) => FIELD_MESSAGES[e.field] ?? built.fieldErrors[e.field];
  const fieldErrors: Record<string, string> = {};
  for (const e of built.errors) fieldErrors[e.field] = message(e);
  return {
    errors: built.errors.map((e) => ({ ...e, message: fieldErrors[e.field] })),
    fieldErrors,
  };
}
