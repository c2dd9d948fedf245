import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { registerI18nHelpers } from '../common/i18n/handlebars-helpers';
import { messages } from '../common/i18n/i18n';
import { TEMPLATES_DIR } from '../database/project-paths';
import { registerViewPartials } from '../common/views/partials';
import { registerViewHelpers } from '../common/views/view-helpers';

/**
 * Handlebars views from templates/, one layout, partials by file name. (hbs's own loader would
 * turn dashes into underscores and loads asynchronously, racing the first request.)
 */
export function configureViewEngine(app: NestExpressApplication): void {
  app.setBaseViewsDir(TEMPLATES_DIR);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  registerViewPartials(hbs, join(TEMPLATES_DIR, 'partials'));
  registerViewHelpers(hbs);
  registerI18nHelpers(hbs, messages);
}
