import Handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import { count, PARTIALS_DIR, renderString } from '../../../test/support/handlebars';
import { registerViewPartials } from './partials';

describe('partials', () => {
  it('registers every partial under its file name', () => {
    const hb = Handlebars.create();
    const names = registerViewPartials(hb, PARTIALS_DIR);
    const files = readdirSync(PARTIALS_DIR).filter((f) => f.endsWith('.hbs'));
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

  it('renders a select of several choices with each chosen value selected', () => {
    const html = renderString(
      '{{> select name="languages" label="Languages" options=opts multiple=true size="4"}}',
      { opts: ['ar', 'pl', 'so'], values: { languages: ['ar', 'so'] } },
    );
    expect(html).toMatch(
      /<select class="govuk-select" id="languages" name="languages" multiple size="4">/,
    );
    expect(html).toContain('<option value="ar" selected>ar</option>');
    expect(html).toContain('<option value="pl">pl</option>');
    expect(html).toContain('<option value="so" selected>so</option>');
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
