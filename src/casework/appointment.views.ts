import type { ContactMode } from '../common/vocabulary';
import type { Appointment } from './appointment.entity';
import type { AppointmentStatus } from './casework.vocabulary';

export interface AppointmentView {
  id: string;
  caseId: string;
  linkWorkerId: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  mode: ContactMode;
  location: string | null;
  interpreterLanguage: string | null;
  status: AppointmentStatus;
  /** Why they did not come, or why it was cancelled; null for a reader who may not see notes. */
  outcomeNote: string | null;
  outcomeRecordedAt: string | null;
  contactId: string | null;
}

/** In a link worker's own diary: who it is with (their given name), when they may read the case. */
export interface DiaryAppointment extends AppointmentView {
  givenName: string | null;
}

export function appointmentView(a: Appointment, withNotes = true): AppointmentView {
  return {
    id: a.id,
    caseId: a.caseId,
    linkWorkerId: a.linkWorkerId,
    startsAt: a.startsAt.toISOString(),
    endsAt: new Date(a.startsAt.getTime() + a.durationMinutes * 60_000).toISOString(),
    durationMinutes: a.durationMinutes,
    mode: a.mode,
    location: a.location,
    interpreterLanguage: a.interpreterLanguage,
    status: a.status,
    outcomeNote: withNotes ? a.outcomeNote : null,
    outcomeRecordedAt: a.outcomeRecordedAt?.toISOString() ?? null,
    contactId: a.contactId,
  };
}
