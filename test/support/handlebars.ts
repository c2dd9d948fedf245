import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerI18nHelpers } from '../../src/common/i18n/handlebars-helpers';
import { messages } from '../../src/common/i18n/i18n';
import { TEMPLATES_DIR } from '../../src/database/project-paths';
import { registerViewPartials } from '../../src/common/views/partials';
import { registerViewHelpers } from '../../src/common/views/view-helpers';

/** Rendering the real templates without Nest, for the view helpers', partials' and layout's specs. */
export const PARTIALS_DIR = join(TEMPLATES_DIR, 'partials');

/** A fresh Handlebars environment with every helper and partial registered, as at start-up. */
export function viewEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  registerViewHelpers(hb);
  registerI18nHelpers(hb, messages);
  registerViewPartials(hb, PARTIALS_DIR);
  return hb;
}

export function renderString(source: string, context: object = {}): string {
  return viewEnvironment().compile(source)(context);
}

/** Render a page inside the layout the way hbs does: body first, then the layout with `body`. */
export function renderPage(view: string, context: Record<string, unknown>): string {
  const hb = viewEnvironment();
  const page = hb.compile(readFileSync(join(TEMPLATES_DIR, `${view}.hbs`), 'utf8'));
  const layout = hb.compile(readFileSync(join(TEMPLATES_DIR, 'layouts', 'main.hbs'), 'utf8'));
  const locals: Record<string, unknown> = { ...context };
  locals.body = page(locals);
  return layout(locals);
}

export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
