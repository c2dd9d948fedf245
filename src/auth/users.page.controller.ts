import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DomainError, FieldError } from '../common/domain-error';
import { languageName } from '../common/validation/iso-codes';
import { ROLES, type Role } from '../common/vocabulary';
import { OrganisationsService } from '../organisations/organisations.service';
import { ServicesService } from '../services/services.service';
import { ROLE_LABELS } from '../web/navigation';
import type { WordsTable } from '../common/forms/field-words';
import { languageChoices, languageCodesFrom, languageSlots } from '../common/i18n/code-choices';
import { handlePageForm } from '../common/forms/page-form';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { SERVICE_ROLES, UsersService, type PublicUser } from './users.service';

type Form = Record<string, unknown>;

const ORGANISATION_NEEDED = 'Select the organisation of a group coordinator or referrer';

const SERVICE_WORDS = {
  serviceId: 'Select a service from the list',
  serviceIds: 'Select services from the list',
} as const;

/** GOV.UK-style messages for the user forms, keyed by field. */
const FIELD_MESSAGES: WordsTable = {
  ...SERVICE_WORDS,
  name: 'Enter the person’s full name',
  email: 'Enter an email address in the correct format, like name@example.com',
  role: 'Select a role',
  password: 'Password must be 12 characters or more',
  organisationId: ORGANISATION_NEEDED,
  languages: 'Select each language from the list',
  caseloadLimit: 'Caseload limit must be a whole number from 1 to 200',
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** A field that may be sent several times (a multi-select, checkboxes): always a list. */
const many = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

/** Administrators manage who can sign in: the user list, "create a user" and "change a user". */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/users')
export class UsersPageController {
  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly services: ServicesService,
  ) {}

  @Get()
  async list(@Res() res: Response): Promise<void> {
    const users = await this.users.list();
    const names = await this.organisations.namesByIds([
      ...new Set(users.flatMap((u) => (u.organisationId ? [u.organisationId] : []))),
    ]);
    const services = await this.services.namesByIds(
      users.flatMap((u) => (u.serviceId ? [u.serviceId] : [])),
    );
    res.render('admin/users', {
      title: 'Users',
      users: users.map((u) => ({
        ...u,
        roleLabel: ROLE_LABELS[u.role],
        languageNames: (u.languages ?? []).map((l) => languageName(l) ?? l).join(', '),
        organisationName: u.organisationId ? names.get(u.organisationId) : null,
        serviceName: u.serviceId ? services.get(u.serviceId) : null,
      })),
    });
  }

  @Get('new')
  async newUser(@Res() res: Response): Promise<void> {
    res.render('admin/users-new', await this.newModel({}));
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
      email: text(form.email),
      role: text(form.role),
      organisationId: text(form.organisationId),
      serviceId: text(form.serviceId),
      languages: languageCodesFrom(form.languages),
      serviceIds: many(form.serviceIds),
    };
    const role = values.role as Role;
    await handlePageForm(req, res, {
      dto: CreateUserDto,
      shaped: {
        name: values.name,
        email: values.email,
        role: values.role,
        organisationId: values.organisationId || undefined,
        password: typeof form.password === 'string' ? form.password : '',
        // The form shows every field whatever the role; a field for another role is left out.
        serviceId: SERVICE_ROLES.includes(role) ? values.serviceId || undefined : undefined,
        languages: values.languages,
        serviceIds: role === 'commissioner' ? values.serviceIds : undefined,
      },
      words: FIELD_MESSAGES,
      refusal: (e) => [createProblem(e)],
      act: (v) => this.users.create(v, actor),
      flash: (user) => `${user.name} can now sign in as ${ROLE_LABELS[user.role].toLowerCase()}.`,
      redirect: '/admin/users',
      view: 'admin/users-new',
      model: () => this.newModel(values),
      // The password is never sent back to the browser.
      values,
    });
  }

  @Get(':id/edit')
  async edit(@Param('id', UuidParam) id: string, @Res() res: Response): Promise<void> {
    const user = await this.users.get(id);
    res.render(
      'admin/users-edit',
      await this.editModel(user, {
        name: user.name,
        caseloadLimit: String(user.caseloadLimit),
        serviceId: user.serviceId ?? '',
        languages: user.languages,
        serviceIds: user.serviceIds,
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
    const user = await this.users.get(id);
    const values = {
      name: text(form.name),
      caseloadLimit: text(form.caseloadLimit),
      serviceId: text(form.serviceId),
      languages: languageCodesFrom(form.languages),
      serviceIds: many(form.serviceIds),
    };
    const inService = SERVICE_ROLES.includes(user.role);
    // Named in the words of a refused move (the service they are in now).
    const currentService = user.serviceId
      ? (await this.services.namesByIds([user.serviceId])).get(user.serviceId)
      : undefined;
    await handlePageForm(req, res, {
      dto: UpdateUserDto,
      shaped: {
        name: values.name,
        caseloadLimit:
          user.role === 'link_worker'
            ? /^\d{1,4}$/.test(values.caseloadLimit)
              ? Number(values.caseloadLimit)
              : values.caseloadLimit
            : undefined,
        serviceId: inService ? values.serviceId || null : undefined,
        languages: values.languages,
        serviceIds: user.role === 'commissioner' ? values.serviceIds : undefined,
      },
      words: FIELD_MESSAGES,
      refusal: (e) => [updateProblem(e, user, currentService)],
      act: (v) => this.users.update(id, v, actor),
      flash: (saved) => `Changes to ${saved.name} were saved.`,
      redirect: '/admin/users',
      view: 'admin/users-edit',
      model: () => this.editModel(user, values),
    });
  }

  private async serviceOptions() {
    return (await this.services.list()).map((s) => ({ value: s.id, text: s.name }));
  }

  private async newModel(values: Record<string, unknown>) {
    const orgs = await this.organisations.list({ limit: 200 });
    const services = await this.serviceOptions();
    return {
      title: 'Create a user',
      values,
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] })),
      organisationOptions: [
        { value: '', text: 'No organisation' },
        ...orgs.items.map((o) => ({ value: o.id, text: o.name })),
      ],
      // The default service comes first, so it is chosen unless the admin picks another.
      serviceOptions: services,
      reportServiceItems: services,
      languageSlots: languageSlots('languages', (values.languages as string[] | undefined) ?? []),
      languageOptions: [{ value: '', text: 'Choose a language' }, ...languageChoices()],
    };
  }

  private async editModel(user: PublicUser, values: Record<string, unknown>) {
    const services = await this.serviceOptions();
    return {
      title: `Change ${user.name}`,
      user: { ...user, roleLabel: ROLE_LABELS[user.role] },
      values,
      isLinkWorker: user.role === 'link_worker',
      inService: SERVICE_ROLES.includes(user.role),
      isCommissioner: user.role === 'commissioner',
      serviceOptions: services,
      reportServiceItems: services,
      languageSlots: languageSlots('languages', (values.languages as string[] | undefined) ?? []),
      languageOptions: [{ value: '', text: 'Choose a language' }, ...languageChoices()],
    };
  }
}

/** What UsersService refused on "create a user", said against the field the admin can change. */
function createProblem(e: DomainError): FieldError {
  if (e.code === 'email_taken') {
    return { field: 'email', message: 'A user with this email address already exists' };
  }
  if (e.code === 'weak_password') {
    return {
      field: 'password',
      message: `Password ${e.errors?.[0]?.message ?? 'is too easy to guess'}`,
    };
  }
  if (e.code === 'organisation_unknown') {
    return { field: 'organisationId', message: 'Select an organisation from the list' };
  }
  if (e.code === 'service_unknown') {
    const field = e.errors?.[0]?.field === 'serviceIds' ? 'serviceIds' : 'serviceId';
    return { field, message: SERVICE_WORDS[field] };
  }
  return { field: 'organisationId', message: ORGANISATION_NEEDED };
}

/**
 * What UsersService refused on "change a user". A move of service is refused while the person
 * still holds work in their service; the count comes from the refusal's own message.
 */
function updateProblem(e: DomainError, user: PublicUser, from = 'their service'): FieldError {
  const count = Number(/\d+/.exec(e.message)?.[0] ?? 0);
  const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
  if (e.code === 'open_cases_held') {
    return {
      field: 'serviceId',
      message: count
        ? `${user.name} cannot move yet: they still hold ${count} open ${plural(count, 'case', 'cases')} in ${from}. Reassign ${plural(count, 'it', 'them')} to another link worker there first.`
        : `${user.name} cannot move yet: they still hold open cases in ${from}. Reassign them to another link worker there first.`,
    };
  }
  if (e.code === 'assigned_referrals_held') {
    return {
      field: 'serviceId',
      message: count
        ? `${user.name} cannot move yet: ${count} ${plural(count, 'referral', 'referrals')} in ${from} ${plural(count, 'is', 'are')} still assigned to them. Assign ${plural(count, 'it', 'them')} to another link worker there first.`
        : `${user.name} cannot move yet: referrals in ${from} are still assigned to them. Assign them to another link worker there first.`,
    };
  }
  if (e.code === 'service_unknown') {
    const field = e.errors?.[0]?.field === 'serviceIds' ? 'serviceIds' : 'serviceId';
    return { field, message: SERVICE_WORDS[field] };
  }
  return { field: '', message: e.message };
}
