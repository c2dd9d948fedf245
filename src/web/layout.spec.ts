import { count, renderPage } from '../../test/support/handlebars';

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
