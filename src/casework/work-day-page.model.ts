import { humanLabel } from '../common/views/labels';
import { languageName } from '../common/validation/iso-codes';
import type { CaseWorkPanel } from './work-day.service';
import { modeLabel } from './work-day-forms';

const ATTEMPT_METHOD: Record<string, string> = {
  sms: 'Text message',
  in_person: 'In person',
  interpreter_call: 'Call with an interpreter',
};
const language = (code: string) => languageName(code) ?? code;

/** The case page's contact history, appointments, reviews and tasks, in words. */
export function caseWorkModel(panel: CaseWorkPanel, caseId: string) {
  return {
    contacts: panel.contacts.map((item) =>
      item.kind === 'contact'
        ? {
            ...item,
            isContact: true,
            heading: modeLabel(item.mode),
            facts: [
              item.durationMinutes ? `${item.durationMinutes} minutes` : undefined,
              item.initiatedBy === 'person'
                ? 'The person got in touch'
                : item.initiatedBy === 'someone_else'
                  ? 'Someone got in touch for them'
                  : undefined,
              item.interpreter
                ? `Interpreter (${language(item.interpreter.language)}, ${humanLabel(item.interpreter.mode).toLowerCase()})`
                : undefined,
              item.appointmentId ? 'Appointment attended' : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
            correctHref: item.correctable
              ? `/cases/${caseId}/contacts/${item.id}/correct`
              : undefined,
          }
        : {
            ...item,
            isContact: false,
            heading: `Before acceptance: ${ATTEMPT_METHOD[item.method] ?? humanLabel(item.method)}`,
            facts: humanLabel(item.outcome),
          },
    ),
    appointments: panel.appointments.map((a) => ({
      ...a,
      modeText: modeLabel(a.mode),
      interpreterText: a.interpreterLanguage ? language(a.interpreterLanguage) : undefined,
      needsOutcome: a.status === 'booked' && new Date(a.startsAt).getTime() <= Date.now(),
      canCancel: a.status === 'booked',
    })),
    reviews: panel.reviews,
    tasks: panel.tasks,
  };
}
