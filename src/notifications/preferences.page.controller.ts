import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnyRole } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { notFound, type FieldError } from '../common/domain-error';
import { NotificationPreferenceDto } from './notifications.dto';
import { PreferencesService, type PreferenceView } from './preferences.service';

const VIEW = 'notifications/preferences';
const actorOf = (req: Request) => req.user as AuthenticatedUser;

const CHOICES = [
  { value: 'each_event', text: 'An email for each update' },
  {
    value: 'daily_digest',
    text: 'One email a day with all the updates',
    hint: 'Sent each morning',
  },
  { value: 'off', text: 'No emails', hint: 'You still see updates in Linkway' },
];

/** "off" is email disabled; the other two are frequencies. */
function shape(body: Record<string, unknown>) {
  const choice = typeof body.email === 'string' ? body.email : '';
  return choice === 'off'
    ? { emailEnabled: false, frequency: 'each_event' }
    : { emailEnabled: choice === '' ? undefined : true, frequency: choice || undefined };
}

const asChoice = (p: PreferenceView) => (p.emailEnabled ? p.frequency : 'off');
const inWords = (errors: FieldError[]) =>
  errors.length ? [{ field: 'email', message: 'Select how you want to get emails' }] : [];

/** How the signed-in user (and, for referrers and coordinators, their organisation) hears by email. */
@ApiExcludeController()
@AnyRole()
@Controller('notifications/preferences')
export class PreferencesPageController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response) {
    res.render(VIEW, await this.model(actorOf(req)));
  }

  @Post()
  async saveMine(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const actor = actorOf(req);
    await handlePageForm(req, res, {
      dto: NotificationPreferenceDto,
      shaped: shape(body),
      fields: inWords,
      act: (v) => this.preferences.setForUser(actor, v),
      flash: { message: 'Your email choice has been saved.', kind: 'success' },
      redirect: '/notifications/preferences',
      view: VIEW,
      model: () => this.model(actor),
    });
  }

  @Post('organisation')
  async saveOrganisation(
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const actor = actorOf(req);
    await handlePageForm(req, res, {
      dto: NotificationPreferenceDto,
      shaped: shape({ email: body.orgEmail }),
      fields: (errors) =>
        errors.length
          ? [{ field: 'orgEmail', message: 'Select how your organisation wants to get emails' }]
          : [],
      act: (v) => {
        if (!actor.organisationId) throw notFound('Organisation');
        return this.preferences.setForOrganisation(actor.organisationId, v, actor);
      },
      flash: { message: 'Your organisation’s email choice has been saved.', kind: 'success' },
      redirect: '/notifications/preferences',
      view: VIEW,
      model: () => this.model(actor),
    });
  }

  private async model(actor: AuthenticatedUser) {
    const mine = await this.preferences.forUser(actor);
    const forOrganisation =
      actor.organisationId && (actor.role === 'referrer' || actor.role === 'group_coordinator');
    const organisation = forOrganisation
      ? await this.preferences.forOrganisation(actor.organisationId!, actor)
      : null;
    return {
      title: 'Email updates',
      choices: CHOICES,
      mine: asChoice(mine),
      mineSource: mine.source,
      organisation: organisation ? asChoice(organisation) : null,
    };
  }
}
