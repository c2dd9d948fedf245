import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { FieldError } from '../common/domain-error';
import type { FormErrors } from '../common/forms/page-form';
import type { Page } from '../common/http/pagination';
import { languageChoices } from '../common/i18n/code-choices';
import { languageName } from '../common/validation/iso-codes';
import { NEEDS_DOMAINS } from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import type { CaseloadItem, CaseloadQuery } from './caseload.service';

type Query = Record<string, unknown>;

const one = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
};
const many = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];

export const CASELOAD_SHOW = ['reviewDue', 'inCrisis', 'waitingForGroup'] as const;

/** The caseload page's search and filter form (a GET form) as the API's query. */
export function shapeCaseloadQuery(query: Query): Record<string, unknown> {
  const show = many(query.show);
  return {
    q: one(query.q),
    need: one(query.need),
    language: one(query.language),
    status: one(query.status),
    cursor: one(query.cursor),
    ...Object.fromEntries(CASELOAD_SHOW.filter((f) => show.includes(f)).map((f) => [f, true])),
  };
}

/** Filter problems in words a person can act on, on the control they belong to. */
export const caseloadFilterErrors = (errors: FieldError[]): FieldError[] =>
  errors.map((e) => {
    switch (e.field) {
      case 'q':
        return { field: 'q', message: 'Search for at most 200 characters' };
      case 'need':
        return { field: 'need', message: 'Choose an area of life from the list' };
      case 'language':
        return { field: 'language', message: 'Choose a language from the list' };
      case 'cursor':
        return { field: '', message: 'That page of results no longer exists: search again' };
      default:
        return { field: '', message: 'Choose cases to show from the options given' };
    }
  });

/** The same search and filters as a query string, for the next page's link. */
function caseloadParams(shaped: Record<string, unknown>): [string, string][] {
  const plain = (['q', 'need', 'language', 'status'] as const).flatMap((k) =>
    typeof shaped[k] === 'string' ? [[k, shaped[k]] as [string, string]] : [],
  );
  const shown = CASELOAD_SHOW.filter((f) => shaped[f] === true).map(
    (f) => ['show', f] as [string, string],
  );
  return [...plain, ...shown];
}

const TITLES: Record<string, string> = {
  admin: 'All cases',
  team_lead: 'Cases in your service',
};

/** The caseload page: who each case is, its flags, and whose it is for a team lead or cover. */
export function caseloadPageModel(
  page: Page<CaseloadItem>,
  actor: AuthenticatedUser,
  filters: {
    shaped: Record<string, unknown>;
    applied: Partial<CaseloadQuery>;
    errors?: FormErrors;
  },
  names: Map<string, string>,
) {
  const { shaped, applied } = filters;
  const filtering = Object.entries(applied).some(
    ([k, v]) => k !== 'cursor' && k !== 'status' && v !== undefined,
  );
  const params = caseloadParams(shaped);
  const manages = actor.role === 'team_lead' || actor.role === 'admin';
  return {
    title: TITLES[actor.role] ?? 'My caseload',
    manages,
    isTeamLead: actor.role === 'team_lead',
    filtering,
    values: {
      q: shaped.q ?? '',
      need: shaped.need ?? '',
      language: shaped.language ?? '',
      show: CASELOAD_SHOW.filter((f) => shaped[f] === true),
    },
    ...(filters.errors ?? {}),
    showItems: [
      { value: 'reviewDue', text: 'Review due today or earlier' },
      { value: 'inCrisis', text: 'In crisis' },
      { value: 'waitingForGroup', text: 'Waiting for a group' },
    ],
    needOptions: [
      { value: '', text: 'Any area of life' },
      ...NEEDS_DOMAINS.map((d) => ({ value: d, text: humanLabel(d) })),
    ],
    languageOptions: [{ value: '', text: 'Any language' }, ...languageChoices()],
    items: page.items.map((c) => ({
      ...c,
      name: [c.givenName, c.familyName].filter(Boolean).join(' '),
      language: c.preferredLanguage
        ? (languageName(c.preferredLanguage) ?? c.preferredLanguage)
        : undefined,
      linkWorkerName: names.get(c.linkWorkerId) ?? 'A former colleague',
      coverForName: c.coverFor ? (names.get(c.coverFor) ?? 'a colleague') : undefined,
      tags: [...(c.inCrisis ? ['in_crisis'] : []), ...(c.reviewOverdue ? ['overdue'] : [])],
    })),
    count: page.items.length,
    nextHref: page.nextCursor
      ? `/cases?${new URLSearchParams([...params, ['cursor', page.nextCursor]]).toString()}`
      : undefined,
  };
}
