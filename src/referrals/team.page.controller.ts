import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ServicesService } from '../services/services.service';
import { TeamDashboardService, type CaseloadRow } from './team-dashboard.service';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How long a referral has waited, in words: "Today", "1 day", "12 days". */
const waited = (days: number) => (days <= 0 ? 'Today' : plural(days, 'day', 'days'));

/** A link worker's load as a tag: full at the limit (no more can be assigned), nearly at 90%. */
function loadTag(c: CaseloadRow): { code: string; text: string } | undefined {
  if (c.held >= c.limit) return { code: 'full', text: 'Full' };
  if (c.held >= Math.ceil(c.limit * 0.9)) return { code: 'nearly_full', text: 'Nearly full' };
  return undefined;
}

/** The team lead's home: its service's inbox, caseloads and overdue reviews. */
@ApiExcludeController()
@Allow('team_lead')
@Controller('team')
export class TeamPageController {
  constructor(
    private readonly dashboard: TeamDashboardService,
    private readonly services: ServicesService,
  ) {}

  @Get()
  async show(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const d = await this.dashboard.forTeamLead(actor);
    const service = actor.serviceId ? await this.services.get(actor.serviceId) : undefined;
    res.render('team/dashboard', {
      title: 'Service dashboard',
      serviceName: service?.name,
      inbox: {
        ...d.inbox,
        summary: `${plural(d.inbox.total, 'referral is', 'referrals are')} waiting to be taken on; ${d.inbox.unassigned} of them ${d.inbox.unassigned === 1 ? 'has' : 'have'} no link worker yet.`,
        more: d.inbox.total - d.inbox.rows.length,
        rows: d.inbox.rows.map((r) => ({ ...r, waited: waited(r.daysWaiting) })),
      },
      caseloads: d.caseloads.map((c) => ({ ...c, tag: loadTag(c) })),
      overdue: {
        ...d.overdue,
        more: d.overdue.total - d.overdue.rows.length,
        rows: d.overdue.rows.map((o) => ({
          ...o,
          overdueBy: plural(o.daysOverdue, 'day', 'days'),
        })),
      },
    });
  }
}
