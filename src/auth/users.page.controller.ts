import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DomainError, FieldError } from '../common/domain-error';
import { ROLES } from '../common/vocabulary';
import { OrganisationsService } from '../organisations/organisations.service';
import { ROLE_LABELS } from '../web/navigation';
import type { WordsTable } from '../common/forms/field-words';
import { languageChoices, languageCodesFrom, languageSlots } from '../common/i18n/code-choices';
import { languageName } from '../common/validation/iso-codes';
import { handlePageForm } from '../common/forms/page-form';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { CreateUserDto } from './users.dto';
import { UsersService } from './users.service';

type Form = Record<string, unknown>;

/** GOV.UK-style messages for the user form, keyed by field. */
const ORGANISATION_NEEDED = 'Select the organisation of a group coordinator or referrer';

const FIELD_MESSAGES: WordsTable = {
  name: 'Enter the person’s full name',
  email: 'Enter an email address in the correct format, like name@example.com',
  role: 'Select a role',
  password: 'Password must be 12 characters or more',
  organisationId: ORGANISATION_NEEDED,
  languages: 'Select each language from the list',
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Administrators manage who can sign in: the user list and the "create a user" form. */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/users')
export class UsersPageController {
  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  async list(@Res() res: Response): Promise<void> {
    const users = await this.users.list();
    const names = await this.organisations.namesByIds([
      ...new Set(users.flatMap((u) => (u.organisationId ? [u.organisationId] : []))),
    ]);
    res.render('admin/users', {
      title: 'Users',
      users: users.map((u) => ({
        ...u,
        roleLabel: ROLE_LABELS[u.role],
        languageNames: (u.languages ?? []).map((l) => languageName(l) ?? l).join(', '),
        organisationName: u.organisationId ? names.get(u.organisationId) : null,
      })),
    });
  }

  @Get('new')
  async newUser(@Res() res: Response): Promise<void> {
    res.render('admin/users-new', await this.formModel({}));
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
    };
    const languages = languageCodesFrom(form.languages);
    await handlePageForm(req, res, {
      dto: CreateUserDto,
      shaped: {
        ...values,
        organisationId: values.organisationId || undefined,
        ...(languages.length ? { languages } : {}),
        password: typeof form.password === 'string' ? form.password : '',
      },
      words: FIELD_MESSAGES,
      refusal: (e) => [serviceProblem(e)],
      act: (v) => this.users.create(v, actor),
      flash: (user) => `${user.name} can now sign in as ${ROLE_LABELS[user.role].toLowerCase()}.`,
      redirect: '/admin/users',
      view: 'admin/users-new',
      model: () => this.formModel(values, languages),
      // The password is never sent back to the browser.
      values,
    });
  }

  private async formModel(values: Record<string, string>, languages: string[] = []) {
    const orgs = await this.organisations.list({ limit: 200 });
    return {
      title: 'Create a user',
      values,
      languageSlots: languageSlots('languages', languages),
      languageOptions: [{ value: '', text: 'Choose a language' }, ...languageChoices()],
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] })),
      organisationOptions: [
        { value: '', text: 'No organisation' },
        ...orgs.items.map((o) => ({ value: o.id, text: o.name })),
      ],
    };
  }
}

/** What UsersService refused, said against the field the admin can change. */
function serviceProblem(e: DomainError): FieldError {
  if (e.code === 'email_taken') {
    return { field: 'email', message: 'A user with this email address already exists' };
  }
  if (e.code === 'organisation_unknown') {
    return { field: 'organisationId', message: 'Select an organisation from the list' };
  }
  return { field: 'organisationId', message: ORGANISATION_NEEDED };
}
