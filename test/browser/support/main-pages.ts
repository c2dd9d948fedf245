import type { BrowserWorld } from './world';

export type Viewer =
  'anonymous' | 'admin' | 'linkWorker' | 'teamLead' | 'coordinator' | 'referrer' | 'commissioner';

export interface MainPage {
  name: string;
  as: Viewer;
  path: (w: BrowserWorld) => string;
  /** Submit the page's first form empty, to check the page as it shows errors. */
  withErrors?: boolean;
}

/** The pages each kind of user lives in: checked for accessibility, on a phone, and screenshotted. */
export const MAIN_PAGES: MainPage[] = [
  { name: 'sign-in', as: 'anonymous', path: () => '/login' },
  { name: 'self-referral-languages', as: 'anonymous', path: () => '/self-referral' },
  { name: 'self-referral', as: 'anonymous', path: () => '/self-referral?lang=en' },
  { name: 'self-referral-name', as: 'anonymous', path: () => '/self-referral/name' },
  {
    name: 'self-referral-errors',
    as: 'anonymous',
    path: () => '/self-referral/name',
    withErrors: true,
  },
  { name: 'self-referral-arabic', as: 'anonymous', path: () => '/self-referral/contact?lang=ar' },
  {
    name: 'self-referral-arabic-errors',
    as: 'anonymous',
    path: () => '/self-referral/name?lang=ar',
    withErrors: true,
  },
  {
    name: 'self-referral-arabic-language',
    as: 'anonymous',
    path: () => '/self-referral/language?lang=ar',
  },
  {
    name: 'self-referral-tigrinya-language',
    as: 'anonymous',
    path: () => '/self-referral/language?lang=ti',
  },
  { name: 'accessibility-statement', as: 'anonymous', path: () => '/accessibility' },
  { name: 'referral-inbox', as: 'linkWorker', path: () => '/referrals' },
  { name: 'referral', as: 'linkWorker', path: (w) => `/referrals/${w.newReferral.id}` },
  { name: 'caseload', as: 'linkWorker', path: () => '/cases' },
  { name: 'caseload-search', as: 'linkWorker', path: () => '/cases?q=yusuf+amina&show=inCrisis' },
  { name: 'cover', as: 'linkWorker', path: () => '/cover' },
  { name: 'cover-errors', as: 'linkWorker', path: () => '/cover', withErrors: true },
  { name: 'case', as: 'linkWorker', path: (w) => `/cases/${w.caseId}` },
  { name: 'needs-form', as: 'linkWorker', path: (w) => `/cases/${w.caseId}/needs` },
  { name: 'crisis-form', as: 'linkWorker', path: (w) => `/cases/${w.caseId}/crisis-points/new` },
  {
    name: 'directory-search',
    as: 'linkWorker',
    path: (w) => `/directory?caseId=${w.caseId}&explain=true`,
  },
  { name: 'group', as: 'linkWorker', path: (w) => `/groups/${w.group.id}` },
  {
    name: 'offer-a-place',
    as: 'linkWorker',
    path: (w) => `/cases/${w.caseId}/offer?groupId=${w.group.id}`,
  },
  { name: 'today', as: 'linkWorker', path: () => '/today' },
  { name: 'this-week', as: 'linkWorker', path: () => '/appointments/week' },
  { name: 'my-tasks', as: 'linkWorker', path: () => '/tasks' },
  {
    name: 'contact-form-errors',
    as: 'linkWorker',
    path: (w) => `/cases/${w.caseId}/contacts/new`,
    withErrors: true,
  },
  {
    name: 'appointment-form',
    as: 'linkWorker',
    path: (w) => `/cases/${w.caseId}/appointments/new`,
  },
  { name: 'review-form', as: 'linkWorker', path: (w) => `/cases/${w.caseId}/reviews/new` },
  { name: 'task-form', as: 'linkWorker', path: (w) => `/cases/${w.caseId}/tasks/new` },
  { name: 'calendar-feed', as: 'linkWorker', path: () => '/calendar-feed' },
  { name: 'placements', as: 'linkWorker', path: () => '/placements' },
  { name: 'notifications', as: 'linkWorker', path: () => '/notifications' },
  { name: 'team-dashboard', as: 'teamLead', path: () => '/team' },
  { name: 'team-referral-inbox', as: 'teamLead', path: () => '/referrals?view=all' },
  { name: 'team-referral', as: 'teamLead', path: (w) => `/referrals/${w.newReferral.id}` },
  { name: 'team-cases', as: 'teamLead', path: () => '/cases' },
  { name: 'team-case', as: 'teamLead', path: (w) => `/cases/${w.caseId}` },
  { name: 'offers-inbox', as: 'coordinator', path: () => '/placements' },
  { name: 'offer', as: 'coordinator', path: (w) => `/placements/${w.placementId}` },
  { name: 'my-groups', as: 'coordinator', path: () => '/groups/mine' },
  { name: 'capacity', as: 'coordinator', path: (w) => `/groups/${w.group.id}/capacity` },
  { name: 'own-group', as: 'coordinator', path: (w) => `/groups/${w.group.id}` },
  { name: 'group-edit', as: 'coordinator', path: (w) => `/groups/${w.group.id}/edit` },
  { name: 'group-changes', as: 'coordinator', path: (w) => `/groups/${w.group.id}/changes` },
  { name: 'send-a-referral', as: 'referrer', path: () => '/referrals/new' },
  { name: 'my-referrals', as: 'referrer', path: () => '/referrals/mine' },
  {
    name: 'referral-status',
    as: 'referrer',
    path: (w) => `/referrals/${w.acceptedReferral.id}`,
  },
  { name: 'report-builder', as: 'commissioner', path: () => '/reports' },
  {
    name: 'service-access-report',
    as: 'commissioner',
    path: () => '/reports/service-access?by=channel&by=interpreterNeeded',
  },
  {
    name: 'group-utilisation-report',
    as: 'commissioner',
    path: () => '/reports/group-utilisation',
  },
  { name: 'unmet-need-report', as: 'commissioner', path: () => '/reports/unmet-need' },
  { name: 'users', as: 'admin', path: () => '/admin/users' },
  { name: 'new-user', as: 'admin', path: () => '/admin/users/new' },
  { name: 'edit-user', as: 'admin', path: (w) => `/admin/users/${w.linkWorker.id}/edit` },
  { name: 'organisations', as: 'admin', path: () => '/admin/organisations' },
  { name: 'new-organisation', as: 'admin', path: () => '/admin/organisations/new' },
  { name: 'services', as: 'admin', path: () => '/admin/services' },
  { name: 'edit-service', as: 'admin', path: (w) => `/admin/services/${w.serviceId}/edit` },
  {
    name: 'new-service-errors',
    as: 'admin',
    path: () => '/admin/services/new',
    withErrors: true,
  },
  { name: 'vetting', as: 'admin', path: () => '/admin/vetting' },
  { name: 'vetting-group', as: 'admin', path: (w) => `/admin/vetting/${w.pendingGroup.id}` },
  { name: 'data-protection', as: 'admin', path: () => '/admin/data-protection' },
  { name: 'reassign-case', as: 'admin', path: (w) => `/cases/${w.caseId}/reassign` },
  {
    name: 'reassign-case-errors',
    as: 'admin',
    path: (w) => `/cases/${w.caseId}/reassign`,
    withErrors: true,
  },
  { name: 'hand-over-caseload', as: 'admin', path: () => '/caseloads/reassign' },
  { name: 'languages', as: 'admin', path: () => '/admin/languages' },
];
