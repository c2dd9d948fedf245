// @ts-check
/**
 * The layering of src/ (DESIGN.md, docs/architecture.md), checked by `npm run check`.
 * Each layer imports only from the layers below it:
 *
 *   cli, demo, seeding, src/*.ts (app.module, app.setup, main)   may know every module;
 *                                                               nothing imports them
 *   features, each using only those it lists in FEATURE_USES:
 *     placements → directory, casework         referrals → casework
 *     directory → casework                     casework → auth, organisations, audit
 *     auth → organisations, services, audit    organisations → services, audit
 *     services → audit                         audit
 *     reports → services (the scope a report covers; it reads through its own SQL views)
 *     notifications → every feature but reports (it handles their events; none imports it)
 *   web       layout, navigation, view engine, the feature-free pages
 *   database  data source, embedded PostgreSQL, health, job slots
 *   common    shared pieces: errors, HTTP, auth decorators, views, charts, events
 *   config    typed settings
 *
 * A feature reaches another only through that module's public face (PUBLIC_FACE below): its
 * Nest modules, the providers those modules export, and its contracts (ports, events, DTOs,
 * plain types). Never an entity, a repository, its SQL or any other internal file.
 * `npm run graph:modules` prints the module graph as Mermaid.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** Each feature and the features it may use (directly). The order is the one-way walk. */
const FEATURE_USES = {
  audit: [],
  services: ['audit'],
  organisations: ['audit', 'services'],
  auth: ['audit', 'organisations', 'services'],
  casework: ['audit', 'auth', 'organisations', 'services'],
  referrals: ['audit', 'auth', 'organisations', 'services', 'casework'],
  directory: ['audit', 'auth', 'organisations', 'services', 'casework'],
  placements: ['audit', 'auth', 'organisations', 'services', 'casework', 'directory'],
  reports: ['services'],
  notifications: [
    'audit',
    'auth',
    'organisations',
    'services',
    'casework',
    'referrals',
    'directory',
    'placements',
  ],
};
const FEATURES = Object.keys(FEATURE_USES);
/** Composition roots: the only code that may import every module (and that nothing imports). */
const ROOTS = '^src/(cli|demo|seeding)/|^src/[^/]+\\.ts$';

const any = (names) => `^src/(${names.join('|')})/`;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The files that define what a feature's Nest modules export (`exports: [A, B]`), found from the
 * module files' own imports, so the public face follows the code: a service a module does not
 * export cannot be injected elsewhere either.
 */
function exportedProviderFiles(feature) {
  const dir = join(__dirname, 'src', feature);
  const files = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.module.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    const exported = /exports:\s*\[([^\]]*)\]/.exec(source)?.[1].split(',') ?? [];
    for (const name of exported.map((n) => n.trim()).filter(Boolean)) {
      const from = new RegExp(
        `import\\s*(?:type\\s*)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*'\\./([^']+)'`,
      );
      const local = from.exec(source)?.[1];
      if (local) files.push(`src/${feature}/${local}.ts`);
    }
  }
  return files;
}

/** Top-level files of a feature that other features may import. */
const CONTRACTS = '[^/]+\\.(module|ports|events|dto|types)\\.ts$';
const PUBLIC_FACE = [
  ...FEATURES.map((f) => `^src/${f}/${CONTRACTS}`),
  ...FEATURES.flatMap(exportedProviderFiles).map((file) => `^${escape(file)}$`),
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files import each other in a ring: move the shared piece down.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'Two modules use each other (a two-way tie): move the shared piece down.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
    {
      name: 'config-imports-no-module',
      comment: 'config is the bottom layer: typed settings from the environment, nothing else.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: `${any(['common', 'database', 'web', ...FEATURES])}|${ROOTS}` },
    },
    {
      name: 'common-imports-no-feature',
      comment:
        'common (shared pieces: errors, HTTP, auth decorators, views, charts) uses only config.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: `${any(['database', 'web', ...FEATURES])}|${ROOTS}` },
    },
    {
      name: 'database-imports-no-feature',
      comment:
        'database (data source, embedded PostgreSQL, health, job slots) uses only config and common.',
      severity: 'error',
      from: { path: '^src/database/' },
      to: { path: `${any(['web', ...FEATURES])}|${ROOTS}` },
    },
    {
      name: 'web-imports-no-feature',
      comment: 'web is the feature-free layer: layout, navigation, view engine, home page.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: `${any(FEATURES)}|${ROOTS}` },
    },
    ...FEATURES.map((feature) => {
      const forbidden = FEATURES.filter((f) => f !== feature && !FEATURE_USES[feature].includes(f));
      return {
        name: `feature-order-${feature}`,
        comment:
          FEATURE_USES[feature].length > 0
            ? `${feature} may use ${FEATURE_USES[feature].join(', ')} and no other feature: calls run one way (DESIGN.md).`
            : `${feature} uses no other feature.`,
        severity: /** @type {const} */ ('error'),
        from: { path: `^src/${feature}/` },
        to: { path: `${any(forbidden)}|${ROOTS}` },
      };
    }),
    {
      name: 'only-public-face',
      comment:
        'A feature uses another only through its public face: *.module.ts, the providers its modules export, *.ports.ts, *.events.ts, *.dto.ts, *.types.ts. Never its entities, repositories, SQL or other internal files.',
      severity: 'error',
      from: { path: `^src/(${FEATURES.join('|')})/` },
      to: { path: any(FEATURES), pathNot: ['^src/$1/', ...PUBLIC_FACE] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
