import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { DomainError, FieldError } from '../common/domain-error';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { ServiceDto } from './services.dto';
import { SERVICE_STAFF, type ServiceStaff } from './services.ports';
import { ServicesService, type ServiceView } from './services.service';

type Form = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** "E07000176, e06000018" or one per line → the codes, upper case. */
const codesOf = (v: string) => v.split(/[\s,;]+/).filter(Boolean);

/** GOV.UK-style messages for the service form, keyed by field. */
function fieldMessage(e: FieldError, values: Record<string, string>): string {
  switch (e.field) {
    case 'name':
      return values.name ? 'Name must be 200 characters or fewer' : 'Enter the name of the service';
    case 'odsCode':
      return 'Enter an ODS code of 3 to 6 letters and numbers, like U12345';
    default:
      return codesOf(values.localAuthorityCodes).length > 50
        ? 'Enter no more than 50 local authority codes'
        : 'Enter local authority district codes like E07000176, separated by commas';
  }
}

/** What ServicesService refused, said against the field the admin can change. */
function serviceProblem(e: DomainError): FieldError {
  if (e.code === 'local_authority_taken')
    return { field: 'localAuthorityCodes', message: e.message };
  if (e.code === 'service_exists' && e.message.includes('ODS'))
    return { field: 'odsCode', message: 'Another service already has this ODS code' };
  return { field: 'name', message: 'Another service already has this name' };
}

/**
 * Administrators manage the services (teams) on this Linkway: their names, ODS codes and the
 * local authorities whose self-referrals they receive.
 */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/services')
export class ServicesPageController {
  constructor(
    private readonly services: ServicesService,
    @Inject(SERVICE_STAFF) private readonly staff: ServiceStaff,
  ) {}

  @Get()
  async list(@Res() res: Response): Promise<void> {
    const services = await this.services.list();
    const areaNames = await this.services.localAuthorityNames(
      services.flatMap((s) => s.localAuthorityCodes),
    );
    const linkWorkers = await this.staff.linkWorkersByService();
    res.render('admin/services', {
      title: 'Services',
      services: services.map((s) => ({
        ...s,
        areas: s.localAuthorityCodes.map((code) => ({ code, name: areaNames.get(code) })),
        linkWorkers: linkWorkers.get(s.id) ?? 0,
      })),
    });
  }

  @Get('new')
  newService(@Res() res: Response): void {
    res.render('admin/services-form', formModel(undefined, {}));
  }

  @Post('new')
  async create(
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.save(req, res, form, undefined, (v) => this.services.create(v, actor.id));
  }

  @Get(':id/edit')
  async edit(@Param('id', UuidParam) id: string, @Res() res: Response): Promise<void> {
    const service = await this.services.get(id);
    res.render(
      'admin/services-form',
      formModel(service, {
        name: service.name,
        odsCode: service.odsCode ?? '',
        localAuthorityCodes: service.localAuthorityCodes.join(', '),
      }),
    );
  }

  @Post(':id/edit')
  async update(
    @Param('id', UuidParam) id: string,
    @Body() form: Form,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const service = await this.services.get(id);
    await this.save(req, res, form, service, (v) => this.services.update(id, v, actor.id));
  }

  private save(
    req: Request,
    res: Response,
    form: Form,
    existing: ServiceView | undefined,
    act: (value: ServiceDto) => Promise<ServiceView>,
  ): Promise<void> {
    const values = {
      name: text(form.name),
      odsCode: text(form.odsCode),
      localAuthorityCodes: text(form.localAuthorityCodes),
    };
    return handlePageForm(req, res, {
      dto: ServiceDto,
      shaped: {
        name: values.name,
        odsCode: values.odsCode || undefined,
        localAuthorityCodes: codesOf(values.localAuthorityCodes),
      },
      fields: (errors) => errors.map((e) => ({ field: e.field, message: fieldMessage(e, values) })),
      refusal: (e) => [serviceProblem(e)],
      act,
      flash: (saved) => (existing ? `${saved.name} was saved.` : `${saved.name} was added.`),
      redirect: '/admin/services',
      view: 'admin/services-form',
      model: () => formModel(existing, values),
    });
  }
}

function formModel(existing: ServiceView | undefined, values: Record<string, string>) {
  return {
    title: existing ? `Change ${existing.name}` : 'Add a service',
    action: existing ? `/admin/services/${existing.id}/edit` : '/admin/services/new',
    button: existing ? 'Save changes' : 'Add service',
    values,
  };
}
