import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { ukDate } from '../common/uk-date';
import { formatDate, formatDateTime } from '../common/views/dates';
import { AppointmentOutcomeDto, CancelAppointmentDto } from './appointment.dto';
import { AppointmentService } from './appointment.service';
import type { DiaryAppointment } from './appointment.views';
import { CalendarFeedService } from './calendar-feed.service';
import { text, yesNo } from './case-forms';
import { addDays } from './casework-dates';
import { londonDays, mondayOf } from './london-time';
import { TaskService } from './task.service';
import { WorkDayService } from './work-day.service';
import { inWords, modeLabel, OUTCOME_WORDS, refusalAsIs } from './work-day-forms';

type FormBody = Record<string, unknown>;
const OUTCOME_VIEW = 'casework/appointment-outcome';
const CANCEL_VIEW = 'casework/appointment-cancel';
const FEED_VIEW = 'casework/calendar-feed';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const diaryRow = (a: DiaryAppointment) => ({
  ...a,
  modeText: modeLabel(a.mode),
  who: a.givenName ?? 'A case you no longer hold',
  needsOutcome: a.status === 'booked' && new Date(a.startsAt).getTime() <= Date.now(),
});

/** The link worker's day: today (their home page), this week, their tasks and calendar feed. */
@ApiExcludeController()
@Allow('link_worker')
@Controller()
export class WorkDayPageController {
  constructor(
    private readonly workDay: WorkDayService,
    private readonly appointments: AppointmentService,
    private readonly tasks: TaskService,
    private readonly feeds: CalendarFeedService,
  ) {}

  @Get('today')
  async today(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response) {
    const home = await this.workDay.home(actor);
    res.render('casework/today', {
      title: 'Today',
      todayText: formatDate(home.today),
      appointments: home.appointments.map(diaryRow),
      overdueTasks: home.overdueTasks,
      tasksDueToday: home.tasksDueToday,
      reviewsDue: home.reviewsDue,
      nothingDue:
        home.overdueTasks.length + home.tasksDueToday.length + home.reviewsDue.length === 0,
    });
  }

  @Get('appointments/week')
  async week(
    @Query('from') from: string | undefined,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const monday = mondayOf(
      from && DATE.test(from) && !Number.isNaN(Date.parse(from)) ? from : ukDate(),
    );
    const sunday = addDays(monday, 6);
    const rows = (await this.appointments.diary(actor, londonDays(monday, sunday))).map(diaryRow);
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({
      day,
      heading: new Intl.DateTimeFormat('en-GB', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }).format(new Date(`${day}T12:00:00Z`)),
      isToday: day === ukDate(),
      appointments: rows.filter((r) => ukDate(new Date(r.startsAt)) === day),
    }));
    res.render('casework/week', {
      title: `Week beginning ${formatDate(monday)}`,
      days,
      previousHref: `/appointments/week?from=${addDays(monday, -7)}`,
      nextHref: `/appointments/week?from=${addDays(monday, 7)}`,
      thisWeekHref: monday === mondayOf(ukDate()) ? undefined : '/appointments/week',
      count: rows.length,
    });
  }

  @Get('appointments/:id/outcome')
  async outcomeForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(OUTCOME_VIEW, await this.appointmentModel(id, actor, 'Record what happened'));
  }

  @Post('appointments/:id/outcome')
  async recordOutcome(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: AppointmentOutcomeDto,
      shaped: { attended: yesNo(body, 'attended'), note: text(body, 'note') },
      fields: inWords(OUTCOME_WORDS),
      refusal: refusalAsIs(),
      act: (v) => this.appointments.recordOutcome(id, actor, v),
      flash: (a) =>
        a.status === 'attended'
          ? 'Recorded as attended. The contact is in the case’s history.'
          : 'Recorded as did not attend',
      redirect: (a) => `/cases/${a.caseId}#contacts`,
      view: OUTCOME_VIEW,
      model: () => this.appointmentModel(id, actor, 'Record what happened'),
    });
  }

  @Get('appointments/:id/cancel')
  async cancelForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(CANCEL_VIEW, await this.appointmentModel(id, actor, 'Cancel an appointment'));
  }

  @Post('appointments/:id/cancel')
  async cancel(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: CancelAppointmentDto,
      shaped: { note: text(body, 'note') },
      fields: inWords(OUTCOME_WORDS),
      refusal: refusalAsIs(),
      act: (v) => this.appointments.cancel(id, actor, v),
      flash: 'Appointment cancelled',
      redirect: (a) => `/cases/${a.caseId}#appointments`,
      view: CANCEL_VIEW,
      model: () => this.appointmentModel(id, actor, 'Cancel an appointment'),
    });
  }

  @Get('tasks')
  async myTasks(
    @Query('status') status: string | undefined,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    const done = status === 'done';
    const tasks = await this.tasks.mine(actor, done ? 'done' : 'open');
    res.render('casework/tasks', { title: done ? 'Tasks done' : 'My tasks', tasks, done });
  }

  @Post('tasks/:id/complete')
  async completeTask(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const back = text(body, 'returnTo');
    await handlePageForm(req, res, {
      act: () => this.tasks.complete(id, actor),
      flash: 'Task done',
      // Back to the page the button was on: only the app's own pages.
      redirect: back && /^\/(today|tasks|cases\/[0-9a-f-]{36})$/.test(back) ? back : '/tasks',
      view: 'casework/tasks',
      model: async () => ({ title: 'My tasks', tasks: await this.tasks.mine(actor, 'open') }),
    });
  }

  @Get('calendar-feed')
  async feedPage(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response) {
    res.render(FEED_VIEW, await this.feedModel(actor));
  }

  @Post('calendar-feed')
  async issueFeed(
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      // The address is shown once, on this answer: only its hash is kept.
      act: async () => {
        const { path } = await this.feeds.issue(actor);
        res.status(200).render(FEED_VIEW, {
          ...(await this.feedModel(actor)),
          newUrl: `${req.protocol}://${req.get('host')}${path}`,
        });
      },
      view: FEED_VIEW,
      model: () => this.feedModel(actor),
    });
  }

  @Post('calendar-feed/revoke')
  async revokeFeed(
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      act: () => this.feeds.revoke(actor),
      flash: 'Calendar feed turned off. The old address no longer works.',
      redirect: '/calendar-feed',
      view: FEED_VIEW,
      model: () => this.feedModel(actor),
    });
  }

  private async appointmentModel(id: string, actor: AuthenticatedUser, heading: string) {
    const a = diaryRow(await this.appointments.forOutcomePage(id, actor));
    return {
      title: `${heading} – ${a.who}`,
      pageHeading: heading,
      appointment: a,
      backHref: `/cases/${a.caseId}#appointments`,
      attendedItems: [
        { value: 'yes', text: 'Yes, they came' },
        { value: 'no', text: 'No, they did not come' },
      ],
    };
  }

  private async feedModel(actor: AuthenticatedUser) {
    const feed = await this.feeds.state(actor);
    return {
      title: 'Calendar feed',
      feed,
      feedRows: [
        { key: 'Made', value: formatDateTime(feed.createdAt) },
        {
          key: 'Last read by a calendar',
          value: feed.lastReadAt ? formatDateTime(feed.lastReadAt) : 'Not yet',
        },
      ],
    };
  }
}
