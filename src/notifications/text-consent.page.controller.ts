import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { TextConsentDto } from './notifications.dto';
import { TextConsentService } from './text-consent.service';

const VIEW = 'notifications/text-consent';
const actorOf = (req: Request) => req.user as AuthenticatedUser;
const part = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string).trim() : '';

/** A GOV.UK date input's three boxes as YYYY-MM-DD (or what was typed, for validation to name). */
function dateOf(body: Record<string, unknown>, name: string): string | undefined {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => part(body, `${name}-${p}`));
  if (!d && !m && !y) return undefined;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `${y}-${m}-${d}`;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The link worker records the person's consent to reminders by text, or its withdrawal. */
@ApiExcludeController()
@Controller('cases/:id/text-messages')
export class TextConsentPageController {
  constructor(private readonly consent: TextConsentService) {}

  @Allow('link_worker', 'team_lead', 'admin')
  @Get()
  async show(@Param('id', UuidParam) caseId: string, @Req() req: Request, @Res() res: Response) {
    res.render(VIEW, await this.model(caseId, actorOf(req)));
  }

  @Allow('link_worker')
  @Post()
  async agree(
    @Param('id', UuidParam) caseId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const actor = actorOf(req);
    await handlePageForm(req, res, {
      dto: TextConsentDto,
      shaped: { agreedOn: dateOf(body, 'agreedOn') },
      dateFields: ['agreedOn'],
      fields: (errors) =>
        errors.length
          ? [
              {
                field: 'agreedOn',
                message: 'Enter the date the person agreed, for example 27 3 2026',
              },
            ]
          : [],
      refusal: (e) => [{ field: 'agreedOn', message: e.message }],
      act: (v) => this.consent.agree(caseId, v, actor),
      flash: { message: 'Consent to text messages recorded.', kind: 'success' },
      redirect: `/cases/${caseId}/text-messages`,
      view: VIEW,
      model: () => this.model(caseId, actor),
    });
  }

  @Allow('link_worker')
  @Post('withdraw')
  async withdraw(
    @Param('id', UuidParam) caseId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const actor = actorOf(req);
    await handlePageForm(req, res, {
      act: () => this.consent.withdraw(caseId, actor),
      flash: {
        message: 'Consent withdrawn. No more text messages will be sent to this person.',
        kind: 'success',
      },
      redirect: `/cases/${caseId}/text-messages`,
      view: VIEW,
      model: () => this.model(caseId, actor),
    });
  }

  private async model(caseId: string, actor: AuthenticatedUser) {
    const consent = await this.consent.get(caseId, actor);
    return {
      title: 'Text message reminders',
      consent,
      caseId,
      canChange: actor.role === 'link_worker',
    };
  }
}
