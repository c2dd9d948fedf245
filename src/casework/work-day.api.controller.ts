import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { BookAppointmentDto } from './appointment.dto';
import { AppointmentService } from './appointment.service';
import { CorrectContactNoteDto, RecordContactDto } from './contact.dto';
import { ContactService } from './contact.service';
import { RecordReviewDto } from './review.dto';
import { ReviewService } from './review.service';
import { CreateTaskDto } from './task.dto';
import { TaskService } from './task.service';

/**
 * A case's working records: contacts (one history with the referral's contact attempts),
 * appointments, reviews and tasks. The assigned link worker writes; the team lead of the service
 * and admins read the contact log (a team lead without notes).
 */
@ApiTags('working day')
@Allow('link_worker', 'admin')
@Controller('api/cases/:id')
export class CaseWorkDayApiController {
  constructor(
    private readonly contacts: ContactService,
    private readonly appointments: AppointmentService,
    private readonly reviews: ReviewService,
    private readonly tasks: TaskService,
  ) {}

  @Post('contacts')
  @ApiCreatedResponse({ description: 'The contact; 422 when it is dated in the future' })
  recordContact(
    @Param('id', UuidParam) id: string,
    @Body() body: RecordContactDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.contacts.record(id, actor, body);
  }

  @Get('contacts')
  @Allow('team_lead', 'link_worker', 'admin')
  @ApiOkResponse({
    description:
      'The contact history, newest first: `kind: "contact"` (after acceptance) and `kind: "referral_attempt"` (tries at reaching the person before it). A team lead gets no notes.',
  })
  async contactHistory(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return { items: await this.contacts.history(id, actor) };
  }

  @Post('contacts/:contactId/corrections')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      '`how: "replaced"` when the author corrects within 24 hours of recording; otherwise `"amended"`: the correction is appended and the original kept',
  })
  correctContact(
    @Param('id', UuidParam) id: string,
    @Param('contactId', UuidParam) contactId: string,
    @Body() body: CorrectContactNoteDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.contacts.correct(id, contactId, actor, body);
  }

  @Post('appointments')
  @ApiCreatedResponse({ description: 'The appointment, in the caller’s diary; 422 in the past' })
  bookAppointment(
    @Param('id', UuidParam) id: string,
    @Body() body: BookAppointmentDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.appointments.book(id, actor, body);
  }

  @Post('reviews')
  @ApiCreatedResponse({
    description:
      'The review; the case’s reviewBy becomes nextReviewBy. 422 when nextReviewBy is not after reviewedAt, more than 92 days later, or more than 7 days later while the case is in crisis.',
  })
  recordReview(
    @Param('id', UuidParam) id: string,
    @Body() body: RecordReviewDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.reviews.record(id, actor, body);
  }

  @Post('tasks')
  @ApiCreatedResponse({
    description: 'The task; 422 when the assignee is not a link worker of the case’s service',
  })
  createTask(
    @Param('id', UuidParam) id: string,
    @Body() body: CreateTaskDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.tasks.create(id, actor, body);
  }
}
