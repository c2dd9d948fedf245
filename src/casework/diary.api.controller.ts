import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { AppointmentOutcomeDto, AppointmentsQuery, CancelAppointmentDto } from './appointment.dto';
import { AppointmentService, diaryRange } from './appointment.service';
import { CalendarFeedService } from './calendar-feed.service';
import { TasksQuery } from './task.dto';
import { TaskService } from './task.service';

/** A link worker's own appointments, tasks and calendar feed. */
@ApiTags('working day')
@Allow('link_worker')
@Controller('api')
export class DiaryApiController {
  constructor(
    private readonly appointments: AppointmentService,
    private readonly tasks: TaskService,
    private readonly feeds: CalendarFeedService,
  ) {}

  @Get('appointments')
  @ApiOkResponse({
    description:
      'The caller’s own appointments starting in the range (dates are London days, `to` included; default the 7 days from today), earliest first',
  })
  async diary(@Query() query: AppointmentsQuery, @CurrentUser() actor: AuthenticatedUser) {
    return { items: await this.appointments.diary(actor, diaryRange(query.from, query.to)) };
  }

  @Post('appointments/:id/outcome')
  @Allow('link_worker', 'admin')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'Attended (a contact is recorded on the case) or did not attend; 409 once recorded, 422 before it has started',
  })
  outcome(
    @Param('id', UuidParam) id: string,
    @Body() body: AppointmentOutcomeDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.appointments.recordOutcome(id, actor, body);
  }

  @Post('appointments/:id/cancel')
  @Allow('link_worker', 'admin')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The cancelled appointment (it stays in the calendar feed as cancelled)',
  })
  cancel(
    @Param('id', UuidParam) id: string,
    @Body() body: CancelAppointmentDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.appointments.cancel(id, actor, body);
  }

  @Get('tasks')
  @ApiOkResponse({ description: 'The caller’s tasks (`status`: open by default, done or all)' })
  async myTasks(@Query() query: TasksQuery, @CurrentUser() actor: AuthenticatedUser) {
    return { items: await this.tasks.mine(actor, query.status ?? 'open') };
  }

  @Post('tasks/:id/complete')
  @Allow('link_worker', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The task, done; 409 when it already was' })
  complete(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.tasks.complete(id, actor);
  }

  @Get('calendar-feed')
  @ApiOkResponse({
    description: 'Whether the caller has a calendar feed, and when it was made and last read',
  })
  feedState(@CurrentUser() actor: AuthenticatedUser) {
    return this.feeds.state(actor);
  }

  @Post('calendar-feed')
  @ApiCreatedResponse({
    description:
      'A new secret feed address (RFC 5545 iCalendar); any earlier one stops working. The address is shown only in this answer.',
  })
  async issueFeed(@CurrentUser() actor: AuthenticatedUser, @Req() req: Request) {
    const { path } = await this.feeds.issue(actor);
    return { url: `${req.protocol}://${req.get('host')}${path}` };
  }

  @Delete('calendar-feed')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The feed address stops working' })
  async revokeFeed(@CurrentUser() actor: AuthenticatedUser) {
    await this.feeds.revoke(actor);
  }
}
