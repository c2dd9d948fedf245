import Handlebars from 'handlebars';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { registerI18nHelpers } from '../common/i18n/handlebars-helpers';
import { messages } from '../common/i18n/i18n';
import {
  formatDate,
  formatDateTime,
  humanLabel,
  isoDate,
  registerViewHelpers,
  registerViewPartials,
  safeJson,
  statusColourClass,
} from './view-helpers';

const TEMPLATES = join(__dirname, '..', '..', 'templates');
const PARTIALS = join(TEMPLATES, 'partials');

function environment() {
  const hb = Handlebars.create();
  registerViewHelpers(hb);
  registerI18nHelpers(hb, messages);
  registerViewPartials(hb, PARTIALS);
  return hb;
}

function renderString(source: string, context: object = {}): string {
  return environment().compile(source)(context);
}

/** Render a page inside the layout the way hbs does: body first, then the layout with `body`. */
function renderPage(view: string, context: Record<string, unknown>): string {
  const hb = environment();
  const page = hb.compile(readFileSync(join(TEMPLATES, `${view}.hbs`), 'utf8'));
  const layout = hb.compile(readFileSync(join(TEMPLATES, 'layouts', 'main.hbs'), 'utf8'));
  const locals: Record<string, unknown> = { ...context };
  locals.body = page(locals);
  return layout(locals);
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('view helpers', () => {
  it('names languages from their codes, and shows an unknown code as it is', () => {
    expect(renderString('{{languageName "so"}} / {{languageName "xx-made-up"}}')).toBe(
      'Somali / xx-made-up',
    );
  });

  it('compares loosely with eq and neq', () => {
    expect(renderString('{{#if (eq a "3")}}yes{{else}}no{{/if}}', { a: 3 })).toBe('yes');
    expect(renderString('{{#if (eq a b)}}yes{{else}}no{{/if}}', { a: 'x', b: 'y' })).toBe('no');
    expect(renderString('{{#if (eq a b)}}yes{{else}}no{{/if}}', {})).toBe('yes');
    expect(renderString('{{#if (neq a "x")}}yes{{else}}no{{/if}}', { a: 'y' })).toBe('yes');
    expect(renderString('{{#if (eq a b)}}yes{{else}}no{{/if}}', { a: {}, b: {} })).toBe('no');
  });

  it('combines with and, or, not (empty arrays are false)', () => {
    const t = '{{#if (and a b)}}A{{/if}}{{#if (or a c)}}O{{/if}}{{#if (not c)}}N{{/if}}';
    expect(renderString(t, { a: true, b: 'x', c: [] })).toBe('AON');
    expect(renderString(t, { a: true, b: 0, c: [1] })).toBe('O');
  });

  it('compares numbers with gt, gte, lt, lte', () => {
    const t = '{{#if (gte a 500)}}5xx{{else if (lt a 400)}}ok{{else}}4xx{{/if}}';
    expect(renderString(t, { a: 503 })).toBe('5xx');
    expect(renderString(t, { a: '404' })).toBe('4xx');
    expect(renderString(t, { a: 200 })).toBe('ok');
    expect(renderString('{{#if (gt a 1)}}y{{else}}n{{/if}}', {})).toBe('n');
    expect(renderString('{{#if (lte a 1)}}y{{else}}n{{/if}}', { a: 1 })).toBe('y');
  });

  it('prints JSON that cannot break out of HTML', () => {
    expect(safeJson({ a: '</script><b>&' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}',
    );
    expect(safeJson(undefined)).toBe('null');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(safeJson(circular)).toBe('null');
    const html = renderString('<div data-x="{{json v}}"></div>', { v: { q: '"' } });
    expect(html).toBe('<div data-x="{&quot;q&quot;:&quot;\\&quot;&quot;}"></div>');
  });

  it('labels codes', () => {
    expect(humanLabel('gp_practice')).toBe('GP practice');
    expect(humanLabel('nhs_service')).toBe('NHS service');
    expect(humanLabel('esol')).toBe('ESOL');
    expect(humanLabel('uk_born')).toBe('UK born');
    expect(humanLabel('asylum_seeker')).toBe('Asylum seeker');
    expect(humanLabel('link_worker')).toBe('Link worker');
    expect(humanLabel('nhs_number_check')).toBe('NHS number check');
    expect(humanLabel(null)).toBe('');
    expect(humanLabel('toString')).toBe('ToString');
    expect(renderString('{{label c}}', { c: 'family_or_friend' })).toBe('Family or friend');
    expect(renderString('{{label c t}}', { c: 'other', t: { other: 'Something else' } })).toBe(
      'Something else',
    );
    expect(renderString('{{label c}}', { c: ['food', 'gp_practice'] })).toBe('Food, GP practice');
  });

  it('formats dates in en-GB for Europe/London', () => {
    expect(formatDate('2026-11-23')).toBe('23 November 2026');
    expect(formatDate('2026-11-23T10:00:00Z')).toBe('23 November 2026');
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026'); // BST
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('31 December 2026'); // GMT
    expect(formatDate('not a date')).toBe('');
    expect(formatDate('2026-02-30')).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(renderString('{{formatDate d}}', { d: '2026-03-01' })).toBe('1 March 2026');
  });

  it('formats date-times the GOV.UK way', () => {
    expect(formatDateTime('2026-11-23T14:05:00Z')).toBe('23 November 2026 at 2:05pm');
    expect(formatDateTime('2026-07-01T08:00:00Z')).toBe('1 July 2026 at 9am');
    expect(formatDateTime('2026-07-01T11:00:00Z')).toBe('1 July 2026 at midday');
    expect(formatDateTime('2026-11-23T00:00:00Z')).toBe('23 November 2026 at midnight');
    expect(formatDateTime('2026-11-23T00:30:00Z')).toBe('23 November 2026 at 12:30am');
    expect(formatDateTime('2026-11-23T12:05:00Z')).toBe('23 November 2026 at 12:05pm');
    expect(formatDateTime('2026-11-23')).toBe('23 November 2026');
    expect(formatDateTime(null)).toBe('');
  });

  it('gives ISO calendar dates in Europe/London', () => {
    expect(isoDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(isoDate(new Date('2026-01-05T12:00:00Z'))).toBe('2026-01-05');
    expect(isoDate('2026-11-23')).toBe('2026-11-23');
    expect(isoDate('')).toBe('');
  });

  it('checks membership with includes', () => {
    const t = '{{#if (includes list v)}}yes{{else}}no{{/if}}';
    expect(renderString(t, { list: ['1', 'b'], v: 1 })).toBe('yes');
    expect(renderString(t, { list: ['a'], v: 'b' })).toBe('no');
    expect(renderString(t, { v: 'b' })).toBe('no');
    expect(renderString(t, { list: 'abc', v: 'b' })).toBe('yes');
  });

  it('maps statuses to tag colours', () => {
    expect(statusColourClass('received')).toBe('govuk-tag--grey');
    expect(statusColourClass('pending')).toBe('govuk-tag--grey');
    expect(statusColourClass('assigned')).toBe('govuk-tag--blue');
    expect(statusColourClass('offered')).toBe('govuk-tag--blue');
    expect(statusColourClass('waitlisted')).toBe('govuk-tag--blue');
    expect(statusColourClass('accepted')).toBe('govuk-tag--green');
    expect(statusColourClass('approved')).toBe('govuk-tag--green');
    expect(statusColourClass('active')).toBe('govuk-tag--green');
    expect(statusColourClass('declined')).toBe('govuk-tag--red');
    expect(statusColourClass('removed')).toBe('govuk-tag--red');
    expect(statusColourClass('expired')).toBe('govuk-tag--red');
    expect(statusColourClass('in_crisis')).toBe('govuk-tag--red');
    expect(statusColourClass('in crisis')).toBe('govuk-tag--red');
    expect(statusColourClass('paused')).toBe('govuk-tag--yellow');
    expect(statusColourClass('suspended')).toBe('govuk-tag--yellow');
    expect(statusColourClass('something_new')).toBe('govuk-tag--grey');
    expect(statusColourClass('__proto__')).toBe('govuk-tag--grey');
    expect(renderString('{{statusColour s}}', { s: 'ACCEPTED' })).toBe('govuk-tag--green');
  });

  it('pluralises with the count', () => {
    expect(renderString('{{plural n "referral"}}', { n: 1 })).toBe('1 referral');
    expect(renderString('{{plural n "referral"}}', { n: 0 })).toBe('0 referrals');
    expect(renderString('{{plural n "person" "people"}}', { n: 1204 })).toBe('1,204 people');
  });

  it('falls back with default and joins with concat', () => {
    expect(renderString('{{default a b "c"}}', { b: '' })).toBe('');
    expect(renderString('{{default a b "c"}}', {})).toBe('c');
    expect(renderString('{{concat "a-" n}}', { n: 2 })).toBe('a-2');
  });
});

describe('partials', () => {
  it('registers every partial under its file name', () => {
    const hb = Handlebars.create();
    const names = registerViewPartials(hb, PARTIALS);
    const files = readdirSync(PARTIALS).filter((f) => f.endsWith('.hbs'));
    expect(names).toHaveLength(files.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'error-summary',
        'flash',
        'input',
        'textarea',
        'select',
        'radios',
        'checkboxes',
        'date-input',
        'button',
        'status-tag',
        'back-link',
        'summary-list',
        'pagination',
        'csrf',
      ]),
    );
  });

  it('renders an input with hint and error described, and keeps the typed value escaped', () => {
    const html = renderString(
      '{{> input name="email" label="Email address" hint="Your work email" type="email" autocomplete="email" value=values.email error=fieldErrors.email}}',
      { values: { email: 'a"b@example.org' }, fieldErrors: { email: 'Enter an email address' } },
    );
    expect(html).toContain('<label class="govuk-label" for="email">Email address</label>');
    expect(html).toContain('<div id="email-hint" class="govuk-hint">Your work email</div>');
    expect(html).toContain(
      '<p id="email-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter an email address</p>',
    );
    expect(html).toContain('aria-describedby="email-hint email-error"');
    expect(html).toContain('govuk-form-group--error');
    expect(html).toContain('govuk-input--error');
    expect(html).toContain('value="a&quot;b@example.org"');
    expect(html).toContain('autocomplete="email"');
    expect(html).toContain('type="email"');
  });

  it('takes value and error from @root when not passed, and never prints a password', () => {
    const ctx = { values: { town: 'Leeds', pw: 'secret' }, fieldErrors: { town: 'Too short' } };
    const town = renderString('{{> input name="town" label="Town" width="20"}}', ctx);
    expect(town).toContain('value="Leeds"');
    expect(town).toContain('Too short');
    expect(town).toContain('govuk-input--width-20');
    const pw = renderString('{{> input name="pw" label="Password" type="password"}}', ctx);
    expect(pw).not.toContain('secret');
    expect(pw).not.toContain('value=');
  });

  it('derives control ids from dotted field names like the error summary links', () => {
    const html = renderString('{{> input name="needs.housing" label="Housing"}}', {
      fieldErrors: { 'needs.housing': 'Enter housing needs' },
    });
    expect(html).toContain('id="needs-housing" name="needs.housing"');
    expect(html).toContain('id="needs-housing-error"');
  });

  it('does not let the caller context leak into a partial called with parameters', () => {
    const html = renderString(
      '{{#each people}}{{> input name="nickname" label="Nickname"}}{{/each}}',
      { people: [{ id: 'LEAK-ID', hint: 'LEAK-HINT', value: 'LEAK-VALUE', error: 'LEAK-ERR' }] },
    );
    expect(html).toContain('id="nickname"');
    expect(html).not.toContain('LEAK');
  });

  it('renders radios with GOV.UK ids, the chosen value checked, and item hints', () => {
    const html = renderString(
      '{{> radios name="urgency" legend="How urgent?" items=items error=err}}',
      {
        items: [
          { value: 'routine', text: 'Routine' },
          { value: 'urgent', text: 'Urgent', hint: 'Within 2 days' },
        ],
        values: { urgency: 'urgent' },
        err: 'Select how urgent',
      },
    );
    expect(html).toContain('<fieldset class="govuk-fieldset" aria-describedby="urgency-error">');
    expect(html).toContain('id="urgency" name="urgency" type="radio" value="routine">');
    expect(html).toContain(
      'id="urgency-2" name="urgency" type="radio" value="urgent" checked aria-describedby="urgency-2-item-hint">',
    );
    expect(html).toContain('<div id="urgency-2-item-hint" class="govuk-hint govuk-radios__hint">');
  });

  it('renders checkboxes checked from an array and explicit checked flags', () => {
    const html = renderString(
      '{{> checkboxes name="needs" legend="Needs" items=items value=chosen}}',
      {
        items: [
          { value: 'food', text: 'Food' },
          { value: 'housing', text: 'Housing' },
          { divider: 'or' },
          { value: 'none', text: 'None', checked: true },
        ],
        chosen: ['housing'],
      },
    );
    expect(html).toContain('id="needs" name="needs" type="checkbox" value="food">');
    expect(html).toContain('id="needs-2" name="needs" type="checkbox" value="housing" checked>');
    expect(html).toContain('<div class="govuk-checkboxes__divider">or</div>');
    expect(html).toContain('id="needs-3" name="needs" type="checkbox" value="none" checked>');
  });

  it('renders a select with the current value selected', () => {
    const html = renderString('{{> select name="lang" label="Language" options=opts value="pl"}}', {
      opts: [{ value: '', text: 'Choose' }, { value: 'en', text: 'English' }, 'pl'],
    });
    expect(html).toContain('<option value="">Choose</option>');
    expect(html).toContain('<option value="en">English</option>');
    expect(html).toContain('<option value="pl" selected>pl</option>');
  });

  it('renders a textarea with its value as content', () => {
    const html = renderString('{{> textarea name="notes" label="Notes" rows=8}}', {
      values: { notes: '<b>hi</b>' },
    });
    expect(html).toContain('rows="8"');
    expect(html).toContain('>&lt;b&gt;hi&lt;/b&gt;</textarea>');
  });

  it('renders a date input with three named fields', () => {
    const html = renderString(
      '{{> date-input name="arrival" legend="Date of arrival" value="2026-03-07"}}',
      {
        fieldErrors: { arrival: 'Enter a real date' },
      },
    );
    expect(html).toContain('role="group" aria-describedby="arrival-error"');
    expect(html).toContain('id="arrival-day" name="arrival-day"');
    expect(html).toContain('value="7"');
    expect(html).toContain('id="arrival-year" name="arrival-year"');
    expect(count(html, 'govuk-input--error')).toBe(3);
  });

  it('renders the error summary linking to fields', () => {
    const html = renderString('{{> error-summary}}', {
      errors: [
        { field: 'email', message: 'Enter an email address', href: '#email' },
        { field: 'name', message: 'Enter a name' },
      ],
    });
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toContain('tabindex="-1"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#email">Enter an email address</a>');
    expect(html).toContain('<a href="#name">Enter a name</a>');
    expect(renderString('{{> error-summary}}', { errors: [] }).trim()).toBe('');
  });

  it('renders flash banners by kind', () => {
    const success = renderString('{{> flash}}', { flash: { kind: 'success', message: 'Saved' } });
    expect(success).toContain('govuk-notification-banner--success');
    expect(success).toContain('role="alert"');
    const important = renderString('{{> flash}}', {
      flash: { kind: 'important', message: 'Note' },
    });
    expect(important).toContain('role="region"');
    expect(important).not.toContain('--success');
    expect(renderString('{{> flash}}', {}).trim()).toBe('');
  });

  it('renders status tags, buttons, back links and pagination', () => {
    expect(renderString('{{> status-tag code="waitlisted"}}')).toBe(
      '<strong class="govuk-tag govuk-tag--blue">Waitlisted</strong>\n',
    );
    expect(renderString('{{> button text="Save" variant="secondary"}}')).toContain(
      '<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Save</button>',
    );
    expect(renderString('{{> back-link href="/cases"}}')).toContain(
      '<a href="/cases" class="govuk-back-link">Back</a>',
    );
    expect(renderString('{{> pagination}}').trim()).toBe('');
    const pages = renderString('{{> pagination nextHref="/cases?page=2"}}');
    expect(pages).toContain('rel="next"');
    expect(pages).not.toContain('rel="prev"');
  });

  it('renders a summary list with empty values and change links', () => {
    const html = renderString('{{> summary-list rows=rows}}', {
      rows: [
        { key: 'Name', value: 'Ana' },
        { key: 'Date of birth', value: null, action: { href: '/dob' } },
        { key: 'Visits', value: 0 },
      ],
    });
    expect(html).toContain('<dt class="govuk-summary-list__key">Name</dt>');
    expect(html).toContain('Not recorded');
    expect(html).toContain(
      '<a class="govuk-link" href="/dob">Change<span class="govuk-visually-hidden"> date of birth</span></a>',
    );
    expect(count(html, 'govuk-summary-list__row--no-actions')).toBe(2);
    expect(html).toMatch(/>\s*0\s*<\/dd>/);
  });
});

describe('layout', () => {
  const signedIn = {
    title: 'Caseload',
    csrfToken: 'csrf-123',
    currentUser: {
      name: 'Jo Bloggs',
      email: 'jo@example.org',
      role: 'link_worker',
      roleLabel: 'Link worker',
    },
    nav: [
      { href: '/', text: 'Home', current: false },
      { href: '/cases', text: 'Caseload', current: true },
    ],
    sessionTimeoutSeconds: 1800,
    fieldErrors: {},
    values: {},
  };

  it('renders the sign-in page with one error summary and an Error: title', () => {
    const html = renderPage('auth/login', {
      title: 'Sign in',
      csrfToken: 'csrf-123',
      errors: [
        { field: 'email', message: 'Enter a correct email address and password', href: '#email' },
      ],
      fieldErrors: { email: 'Enter a correct email address and password' },
      values: { email: 'jo@example.org', password: 'hunter2' },
    });
    expect(html).toContain('<html lang="en" class="govuk-template">');
    expect(html).toContain('<title>Error: Sign in – Linkway</title>');
    expect(count(html, 'class="govuk-error-summary"')).toBe(1);
    expect(html).toContain('<form method="post" action="/login" novalidate>');
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-123">');
    expect(html).toContain('value="jo@example.org"');
    expect(html).not.toContain('hunter2');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).not.toContain('session-timeout.js');
    expect(html).not.toContain('data-session-timeout-seconds');
    expect(html).toContain('<main class="govuk-main-wrapper" id="main-content">');
    expect(html).toContain('href="#main-content"');
  });

  it('posts back a same-site next path on the sign-in form', () => {
    const html = renderPage('auth/login', { title: 'Sign in', csrfToken: 't', next: '/cases/1' });
    expect(html).toContain('<input type="hidden" name="next" value="/cases/1">');
    expect(html).not.toContain('class="govuk-error-summary"');
    expect(html).toContain('<title>Sign in – Linkway</title>');
  });

  it('renders error pages from a problem without leaking server error details', () => {
    const server = renderPage('errors/error', {
      title: 'Internal Server Error',
      problem: { status: 500, detail: 'relation "x" does not exist' },
    });
    expect(server).toContain('Sorry, there is a problem with the service');
    expect(server).not.toContain('does not exist');
    const forbidden = renderPage('errors/error', {
      title: 'Forbidden',
      problem: { status: 403, detail: 'Only the assigned link worker can see this' },
    });
    expect(forbidden).toContain('You do not have permission to see this page');
    expect(forbidden).toContain('Only the assigned link worker can see this');
    const notFound = renderPage('errors/not-found', { title: 'Page not found' });
    expect(notFound).toContain('<h1 class="govuk-heading-l">Page not found</h1>');
    expect(notFound).toContain('href="/"');
  });

  it('shows navigation, the user, sign out and the timeout script when signed in', () => {
    const html = renderPage('errors/not-found', signedIn);
    expect(html).toContain('<title>Caseload – Linkway</title>');
    expect(html).toContain('href="/cases" aria-current="page"');
    expect(count(html, 'aria-current')).toBe(1);
    expect(html).toContain('Signed in as <strong>Jo Bloggs</strong>, Link worker');
    expect(html).toContain('<form method="post" action="/logout"');
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-123">');
    expect(html).toContain('<script src="/assets/session-timeout.js" defer></script>');
    expect(html).toContain('data-session-timeout-seconds="1800"');
    expect(html).toContain('<link rel="stylesheet" href="/assets/linkway.css">');
    expect(html).toContain('href="/accessibility"');
    expect(html).toContain('href="/privacy"');
  });

  it('adds the flash and error summary once when the page does not', () => {
    const html = renderPage('errors/not-found', {
      ...signedIn,
      flash: { kind: 'success', message: 'Referral accepted' },
      errors: [{ field: 'x', message: 'Problem', href: '#x' }],
    });
    expect(count(html, 'lw-flash"')).toBe(1);
    expect(count(html, 'class="govuk-error-summary"')).toBe(1);
  });

  it('labels the role from its code when no roleLabel is given', () => {
    const html = renderPage('errors/not-found', {
      ...signedIn,
      currentUser: { name: 'Sam', role: 'group_coordinator' },
    });
    expect(html).toContain('Signed in as <strong>Sam</strong>, Group coordinator');
  });

  it('obeys the Content-Security-Policy: no inline script, style or event handlers', () => {
    const pages = [
      'auth/login',
      'errors/error',
      'errors/not-found',
      'home/accessibility',
      'home/privacy',
    ];
    for (const view of pages) {
      const html = renderPage(view, {
        ...signedIn,
        status: 500,
        detail: 'x',
        flash: { kind: 'important', message: 'm' },
      });
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style/i);
      expect(html).not.toMatch(/\sstyle=/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/https?:\/\/[^"]*\.(css|js)\b/);
    }
  });
});
