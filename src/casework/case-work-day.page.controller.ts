import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UsersService } from '../auth/users.service';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { FieldError } from '../common/domain-error';
import { handlePageForm } from '../common/forms/page-form';
import { languageChoices, languageCodeFor } from '../common/i18n/code-choices';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { ukDate } from '../common/uk-date';
import { formatDate, formatDateTime } from '../common/views/dates';
import { BookAppointmentDto } from './appointment.dto';
import { AppointmentService } from './appointment.service';
import { byName, caseFormModel, dateFromParts, text, YES_NO } from './case-forms';
import { CaseFileService } from './case-file.service';
import { addDays } from './casework-dates';
import { CorrectContactNoteDto, RecordContactDto } from './contact.dto';
import { ContactService } from './contact.service';
import { RecordReviewDto } from './review.dto';
import { MAX_REVIEW_INTERVAL_DAYS, ReviewService } from './review.service';
import { CreateTaskDto } from './task.dto';
import { TaskService } from './task.service';
import {
  APPOINTMENT_MODE_ITEMS,
  APPOINTMENT_WORDS,
  CONTACT_MODE_ITEMS,
  CONTACT_WORDS,
  CORRECTION_WORDS,
  dateTimeFromParts,
  INITIATOR_ITEMS,
  INTERPRETER_MODE_ITEMS,
  inWords,
  modeLabel,
  refusalAsIs,
  REVIEW_WORDS,
  TASK_WORDS,
  wholeNumber,
} from './work-day-forms';

type FormBody = Record<string, unknown>;

/** "2026-12-04" as a GOV.UK date input example: "4 12 2026". */
const dayMonthYear = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${m} ${y}`;
};
/** Interpreter languages chosen by name, as everywhere staff choose a language. */
const LANGUAGE_OPTIONS = () => [{ value: '', text: 'Choose a language' }, ...languageChoices()];

const CONTACT_VIEW = 'casework/contact-form';
const CORRECTION_VIEW = 'casework/contact-correction-form';
const APPOINTMENT_VIEW = 'casework/appointment-form';
const REVIEW_VIEW = 'casework/review-form';
const TASK_VIEW = 'casework/task-form';

/** The flat form controls the nested interpreter fields are typed into. */
const INTERPRETER_CONTROLS: Record<string, string> = {
  'interpreter.language': 'interpreterLanguage',
  'interpreter.mode': 'interpreterMode',
  interpreter: 'interpreterLanguage',
};
const onControls = (errors: FieldError[]) =>
  errors.map((e) => ({ ...e, field: INTERPRETER_CONTROLS[e.field] ?? e.field }));

/** Recording a contact, correcting its note, booking an appointment, a review and a task. */
@ApiExcludeController()
@Allow('link_worker', 'admin')
@Controller('cases')
export class CaseWorkDayPageController {
  constructor(
    private readonly caseFile: CaseFileService,
    private readonly contacts: ContactService,
    private readonly appointments: AppointmentService,
    private readonly reviews: ReviewService,
    private readonly tasks: TaskService,
    private readonly users: UsersService,
  ) {}

  @Get(':id/contacts/new')
  async contactForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(CONTACT_VIEW, await this.contactModel(id, actor));
  }

  @Post(':id/contacts')
  async recordContact(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const at = dateTimeFromParts(body, 'at', false);
    const interpreted = text(body, 'interpreterUsed') === 'yes';
    await handlePageForm(req, res, {
      dto: RecordContactDto,
      shaped: {
        at: at.value,
        mode: text(body, 'mode'),
        initiatedBy: text(body, 'initiatedBy'),
        durationMinutes: wholeNumber(body, 'durationMinutes'),
        interpreter: interpreted
          ? {
              language: byName(text(body, 'interpreterLanguage'), languageCodeFor) ?? undefined,
              mode: text(body, 'interpreterMode'),
            }
          : undefined,
        note: text(body, 'note'),
      },
      check: () => (at.problem ? [at.problem] : []),
      dateFields: ['at'],
      fields: (errors) => onControls(inWords(CONTACT_WORDS)(errors)),
      refusal: refusalAsIs(),
      act: (v) => this.contacts.record(id, actor, v),
      flash: 'Contact recorded',
      redirect: `/cases/${id}#contacts`,
      view: CONTACT_VIEW,
      model: () => this.contactModel(id, actor),
    });
  }

  @Get(':id/contacts/:contactId/correct')
  async correctionForm(
    @Param('id', UuidParam) id: string,
    @Param('contactId', UuidParam) contactId: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(CORRECTION_VIEW, await this.correctionModel(id, contactId, actor));
  }

  @Post(':id/contacts/:contactId/corrections')
  async correctContact(
    @Param('id', UuidParam) id: string,
    @Param('contactId', UuidParam) contactId: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: CorrectContactNoteDto,
      shaped: { note: text(body, 'note') },
      fields: inWords(CORRECTION_WORDS),
      act: (v) => this.contacts.correct(id, contactId, actor, v),
      flash: (r) =>
        r.how === 'replaced' ? 'Note corrected' : 'Correction added; the original note is kept',
      redirect: `/cases/${id}#contacts`,
      view: CORRECTION_VIEW,
      model: () => this.correctionModel(id, contactId, actor),
    });
  }

  @Get(':id/appointments/new')
  async appointmentForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(APPOINTMENT_VIEW, await this.appointmentModel(id, actor));
  }

  @Post(':id/appointments')
  async bookAppointment(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const startsAt = dateTimeFromParts(body, 'startsAt', true);
    await handlePageForm(req, res, {
      dto: BookAppointmentDto,
      shaped: {
        startsAt: startsAt.value,
        durationMinutes: wholeNumber(body, 'durationMinutes'),
        mode: text(body, 'mode'),
        location: text(body, 'location'),
        interpreterLanguage:
          byName(text(body, 'interpreterLanguage'), languageCodeFor) ?? undefined,
      },
      check: () => (startsAt.problem ? [startsAt.problem] : []),
      dateFields: ['startsAt'],
      fields: (errors) =>
        // A date without a time is the time box's problem, already told by the check.
        inWords(APPOINTMENT_WORDS)(
          startsAt.problem ? errors.filter((e) => e.field !== 'startsAt') : errors,
        ),
      refusal: refusalAsIs(),
      act: (v) => this.appointments.book(id, actor, v),
      flash: 'Appointment booked',
      redirect: `/cases/${id}#appointments`,
      view: APPOINTMENT_VIEW,
      model: () => this.appointmentModel(id, actor),
    });
  }

  @Get(':id/reviews/new')
  async reviewForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(REVIEW_VIEW, await this.reviewModel(id, actor));
  }

  @Post(':id/reviews')
  async recordReview(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await handlePageForm(req, res, {
      dto: RecordReviewDto,
      shaped: {
        reviewedAt: dateFromParts(body, 'reviewedAt'),
        nextReviewBy: dateFromParts(body, 'nextReviewBy'),
        note: text(body, 'note'),
      },
      dateFields: ['reviewedAt', 'nextReviewBy'],
      fields: inWords(REVIEW_WORDS),
      refusal: refusalAsIs(),
      act: (v) => this.reviews.record(id, actor, v),
      flash: (r) => `Review recorded. The next review is due by ${formatDate(r.reviewBy)}.`,
      redirect: `/cases/${id}#reviews`,
      view: REVIEW_VIEW,
      model: () => this.reviewModel(id, actor),
    });
  }

  @Get(':id/tasks/new')
  async taskForm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ) {
    res.render(TASK_VIEW, await this.taskModel(id, actor));
  }

  @Post(':id/tasks')
  async createTask(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const assignee = text(body, 'assigneeId');
    await handlePageForm(req, res, {
      dto: CreateTaskDto,
      shaped: {
        title: text(body, 'title'),
        dueOn: dateFromParts(body, 'dueOn'),
        assigneeId: assignee === 'me' ? undefined : assignee,
      },
      dateFields: ['dueOn'],
      fields: inWords(TASK_WORDS),
      refusal: refusalAsIs(),
      act: (v) => this.tasks.create(id, actor, v),
      flash: 'Task added',
      redirect: `/cases/${id}#tasks`,
      view: TASK_VIEW,
      model: () => this.taskModel(id, actor),
    });
  }

  private async contactModel(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Record a contact')),
      modes: CONTACT_MODE_ITEMS,
      languages: LANGUAGE_OPTIONS(),
      initiators: INITIATOR_ITEMS,
      interpreterModes: INTERPRETER_MODE_ITEMS,
      yesNo: YES_NO,
    };
  }

  private async correctionModel(id: string, contactId: string, actor: AuthenticatedUser) {
    const contact = await this.contacts.one(id, contactId, actor);
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Correct a contact note')),
      contact,
      contactId,
      contactRows: [
        { key: 'When', value: formatDateTime(contact.at) },
        { key: 'How', value: modeLabel(contact.mode) },
        { key: 'Note', value: contact.note ?? undefined },
      ],
      values: { note: contact.note ?? '' },
    };
  }

  private async appointmentModel(id: string, actor: AuthenticatedUser) {
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Book an appointment')),
      modes: APPOINTMENT_MODE_ITEMS,
      languages: LANGUAGE_OPTIONS(),
    };
  }

  private async reviewModel(id: string, actor: AuthenticatedUser) {
    const header = await caseFormModel(this.caseFile, id, actor, 'Record a review');
    return {
      ...header,
      maxDays: MAX_REVIEW_INTERVAL_DAYS,
      nextHint: `For example, ${dayMonthYear(addDays(ukDate(), header.theCase.inCrisis ? 7 : 28))}`,
    };
  }

  private async taskModel(id: string, actor: AuthenticatedUser) {
    const colleagues = actor.serviceId
      ? (await this.users.linkWorkersOf(actor.serviceId)).filter((u) => u.id !== actor.id)
      : [];
    return {
      ...(await caseFormModel(this.caseFile, id, actor, 'Add a task')),
      assignees: [
        { value: 'me', text: 'The case’s link worker' },
        ...colleagues.map((u) => ({ value: u.id, text: u.name })),
      ],
    };
  }
}
