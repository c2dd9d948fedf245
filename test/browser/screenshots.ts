/**
 * Takes the screenshots in docs/screenshots/ and writes docs/pages.md. Not part of `npm test`:
 *
 *   npm run build:css && npx ts-node --transpile-only -P tsconfig.test.json test/browser/screenshots.ts
 *
 * Starts PostgreSQL and a real Linkway server as the tests do, fills it with the browser tests'
 * world, and photographs each page as its user sees it in headless Chromium.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/common/i18n/i18n';
import type { Locale } from '../../src/common/i18n/locales';
import globalSetup from '../setup/global-setup';
import globalTeardown from '../setup/global-teardown';
import {
  CHROMIUM_PATH,
  clickAndLoad,
  closePage,
  newPage,
  PHONE,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';
import { MAIN_PAGES } from './support/main-pages';
import { Viewers } from './support/viewers';
import { seedBrowserWorld } from './support/world';

const DOCS_DIR = join(__dirname, '..', '..', 'docs');
const OUT_DIR = join(DOCS_DIR, 'screenshots');
const INTRO = `# What Linkway looks like

Each role's main pages, as a signed-in user sees them in a browser (1280 pixels wide; a few also
on a 390-pixel phone). The people, groups and referrals are invented. Taken by
\`test/browser/screenshots.ts\` (run \`npm run build:css && npx ts-node --transpile-only -P
tsconfig.test.json test/browser/screenshots.ts\` to take them again); the same pages are checked
with axe-core and at phone width by \`test/browser/main-pages.browser-spec.ts\`.
`;

/** Which pages to photograph, what each is for (a line in docs/pages.md), and the phone shots. */
const SHOTS: { page: string; caption: string; phone?: boolean }[] = [
  { page: 'sign-in', caption: 'Sign in: every user starts here.' },
  {
    page: 'referral-inbox',
    caption: 'Link worker: the referral inbox, unassigned and most urgent first.',
  },
  {
    page: 'referral',
    caption: 'Link worker: one referral, with assign, contact, accept and decline.',
  },
  {
    page: 'caseload',
    caption: 'Link worker: the caseload with crisis and overdue-review flags.',
    phone: true,
  },
  {
    page: 'case',
    caption: 'Link worker: a case – needs, safeguarding, crisis points, outcomes and timeline.',
    phone: true,
  },
  {
    page: 'directory-search',
    caption:
      'Link worker: groups that can be offered to this person, and why others were left out.',
  },
  {
    page: 'offer-a-place',
    caption: 'Link worker: offering a place, with the group’s load shown first.',
  },
  {
    page: 'offers-inbox',
    caption: 'Group coordinator: offers for their own groups, to accept or decline.',
    phone: true,
  },
  {
    page: 'offer',
    caption: 'Group coordinator: one offer – only what the group needs to welcome the person.',
  },
  {
    page: 'capacity',
    caption: 'Group coordinator: places, weekly intake, waitlist and offer expiry.',
  },
  { page: 'send-a-referral', caption: 'Referrer: the referral form.' },
  {
    page: 'my-referrals',
    caption: 'Referrer: their referrals and where each has got to (closed loop).',
  },
  { page: 'report-builder', caption: 'Commissioner: the report builder.' },
  {
    page: 'service-access-report',
    caption: 'Commissioner: a printable service-access report with small numbers suppressed.',
  },
  {
    page: 'team-dashboard',
    caption:
      'Team lead: the service’s referrals waiting, each link worker’s load and overdue reviews.',
  },
  { page: 'users', caption: 'Administrator: users.' },
  {
    page: 'services',
    caption: 'Administrator: the services (teams) on this Linkway and the areas they take.',
  },
  {
    page: 'vetting',
    caption: 'Administrator: vetting, with lapsed and soon-expiring checks first.',
  },
  {
    page: 'self-referral',
    caption: 'Anyone: asking for support without a GP or a login.',
    phone: true,
  },
  {
    page: 'languages',
    caption: 'Administrator: each language and whether a native speaker has checked it.',
  },
];

/** The self-referral in a language, page by page, as a person fills it in. */
const JOURNEYS: { locale: Locale; name: string; language: string; givenName: string }[] = [
  { locale: 'ar', name: 'Arabic, right to left', language: 'العربية', givenName: 'ليلى' },
  { locale: 'ti', name: 'Tigrinya', language: 'ትግርኛ', givenName: 'ሰላም' },
];

/**
 * Walks the self-referral in one language without JavaScript (phone-sized, as most people who
 * self-refer use a phone), photographing each page; returns the lines for docs/pages.md.
 */
async function journeyShots(h: BrowserHarness, j: (typeof JOURNEYS)[number]): Promise<string[]> {
  const t = (key: string) => messages.t(j.locale, key);
  const page = await newPage(h, { ...PHONE, javaScriptEnabled: false });
  const lines = [`### The self-referral in ${j.name}\n`];
  let n = 0;
  const shot = async (what: string) => {
    n += 1;
    const file = `self-referral-${j.locale}-${n}.png`;
    await page.screenshot({ path: join(OUT_DIR, file), fullPage: true });
    lines.push(`${n}. ${what}\n\n   ![${j.name}: ${what}](screenshots/${file})\n`);
    console.log(`  ${file}`);
  };
  const next = () => clickAndLoad(page, page.getByRole('button', { name: t('common.continue') }));
  try {
    await page.goto(`${h.baseUrl}/self-referral`);
    await shot('Choose your language, asked in every language');
    await clickAndLoad(page, page.getByRole('link', { name: j.language }));
    await shot('The start page');
    await clickAndLoad(
      page,
      page.getByRole('button', { name: t('selfReferral.start.startButton') }),
    );
    await next();
    await shot('A question left unanswered: the error, in the person’s language');
    await page.getByLabel(t('selfReferral.name.givenName')).fill(j.givenName);
    await next();
    await page
      .getByLabel(`${t('selfReferral.contact.phone')} ${t('common.optional')}`)
      .fill('07700 900321');
    await next();
    await page
      .getByRole('group', { name: t('selfReferral.language.interpreter') })
      .getByLabel(t('common.yes'))
      .check();
    await page.getByLabel(t('selfReferral.language.genders.female'), { exact: true }).check();
    await page.getByLabel(t('selfReferral.language.modes.phone'), { exact: true }).check();
    await shot('Language and interpreter, with what they would like of an interpreter');
    await next();
    await page.getByLabel(t('selfReferral.help.reasons.social_connection')).check();
    await next();
    await page.getByLabel(t('selfReferral.consent.agree')).check();
    await next();
    await shot('Check your answers');
    await clickAndLoad(
      page,
      page.getByRole('button', { name: t('selfReferral.check.sendButton') }),
    );
    await shot('Sent, with the reference');
  } finally {
    await closePage(page);
  }
  return lines;
}

async function main(): Promise<void> {
  if (!CHROMIUM_PATH) {
    console.error('Chromium is not installed (apt-get install -y chromium): no screenshots taken.');
    process.exitCode = 1;
    return;
  }
  process.env.LOG_LEVEL = 'silent';
  await globalSetup();
  const h = await startBrowserHarness();
  try {
    const world = await seedBrowserWorld(h.ctx);
    mkdirSync(OUT_DIR, { recursive: true });
    const desktop = new Viewers(h, world, { viewport: { width: 1280, height: 900 } });
    const phone = new Viewers(h, world, PHONE);
    const lines: string[] = [];
    for (const shot of SHOTS) {
      const page = MAIN_PAGES.find((p) => p.name === shot.page);
      if (!page) throw new Error(`No main page called ${shot.page}`);
      const file = `${shot.page}.png`;
      await (await desktop.open(page)).screenshot({ path: join(OUT_DIR, file) });
      lines.push(`### ${shot.caption}\n\n![${shot.caption}](screenshots/${file})\n`);
      if (shot.phone) {
        const phoneFile = `${shot.page}-phone.png`;
        await (await phone.open(page)).screenshot({ path: join(OUT_DIR, phoneFile) });
        lines.push(`On a phone:\n\n![${shot.caption} On a phone.](screenshots/${phoneFile})\n`);
      }
      console.log(`  ${file}`);
    }
    await desktop.close();
    await phone.close();
    for (const journey of JOURNEYS) lines.push(...(await journeyShots(h, journey)));
    writeFileSync(join(DOCS_DIR, 'pages.md'), `${INTRO}\n${lines.join('\n')}`);
  } finally {
    await h.close();
    await globalTeardown();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
