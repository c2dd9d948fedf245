import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ORGANISATION_KINDS } from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import type { WordsTable } from '../common/forms/field-words';
import { handlePageForm } from '../common/forms/page-form';
import type { DomainError, FieldError } from '../common/domain-error';
import { ServicesService } from '../services/services.service';
import { CreateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

type Form = Record<string, unknown>;

const PAGE_SIZE = 50;

const SERVICE_UNKNOWN = 'Select a service from the list';

const FIELD_MESSAGES: WordsTable = {
  name: 'Enter the organisation’s name',
  kind: 'Select the kind of organisation',
  postcode: 'Enter a real UK postcode, like NG7 1AA',
  odsCode: 'Enter an ODS code of 3 to 6 letters and numbers, like C84001',
  serviceId: SERVICE_UNKNOWN,
};

/** What OrganisationsService refused, said against the field the admin can change. */
function serviceProblem(e: DomainError): FieldError {
  if (e.code === 'ods_code_taken')
    return { field: 'odsCode', message: 'Another organisation already has this ODS code' };
  if (e.code === 'service_unknown') return { field: 'serviceId', message: SERVICE_UNKNOWN };
  return { field: '', message: e.message };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Administrators keep the list of referring organisations and community group providers. */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/organisations')
export class OrganisationsPageController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly services: ServicesService,
  ) {}

  @Get()
  async list(@Query('cursor') cursor: string | undefined, @Res() res: Response): Promise<void> {
    const page = await this.organisations.list({
      limit: PAGE_SIZE,
      cursor: typeof cursor === 'string' ? cursor : undefined,
    });
    const services = await this.services.namesByIds(
      page.items.flatMap((o) => (o.serviceId ? [o.serviceId] : [])),
    );
    res.render('admin/organisations', {
      title: 'Organisations',
      organisations: page.items.map((o) => ({
        ...o,
        kindLabel: humanLabel(o.kind),
        serviceName: o.serviceId ? services.get(o.serviceId) : undefined,
      })),
      nextHref: page.nextCursor
        ? `/admin/organisations?cursor=${encodeURIComponent(page.nextCursor)}`
        : undefined,
      previousHref: cursor ? '/admin/organisations' : undefined,
    });
  }

  @Get('new')
  async newOrganisation(@Res() res: Response): Promise<void> {
    res.render('admin/organisations-new', await this.formModel({}));
  }

  @Post('new')
  async create(
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values = {
      name: text(form.name),
      kind: text(form.kind),
      postcode: text(form.postcode),
      odsCode: text(form.odsCode),
      serviceId: text(form.serviceId),
    };
    await handlePageForm(req, res, {
      dto: CreateOrganisationDto,
      shaped: {
        ...values,
        postcode: values.postcode || undefined,
        odsCode: values.odsCode || undefined,
        serviceId: values.serviceId || undefined,
      },
      words: FIELD_MESSAGES,
      refusal: (e) => [serviceProblem(e)],
      act: (v) => this.organisations.create(v, actor.id),
      flash: (created) => `${created.name} was added.`,
      redirect: '/admin/organisations',
      view: 'admin/organisations-new',
      model: () => this.formModel(values),
    });
  }

  private async formModel(values: Record<string, string>) {
    const services = await this.services.list();
    return {
      title: 'Add an organisation',
      values,
      kindOptions: [
        { value: '', text: 'Choose a kind' },
        ...ORGANISATION_KINDS.map((k) => ({ value: k, text: humanLabel(k) })),
      ],
      serviceOptions: services.map((s) =>
        s.isDefault
          ? { value: '', text: `The default service (${s.name})` }
          : { value: s.id, text: s.name },
      ),
    };
  }
}
