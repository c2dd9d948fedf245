import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow } from '../common/auth/auth.decorators';
import { allLocales } from '../common/i18n/i18n';
import { formatDate } from '../common/views/dates';

/**
 * How far each language's words can be trusted: every locale's review status, so an administrator
 * knows which translations a native speaker has checked (and who, and when) and which are drafts.
 */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/languages')
export class LanguagesPageController {
  @Get()
  @Render('admin/languages')
  languages() {
    const locales = allLocales();
    return {
      title: 'Languages',
      draftCount: locales.filter((l) => l.review.status === 'draft').length,
      locales: locales.map((l) => ({
        ...l,
        direction: l.dir === 'rtl' ? 'Right to left' : 'Left to right',
        reviewed: l.review.status === 'reviewed',
        reviewedOn: l.review.reviewedOn ? formatDate(l.review.reviewedOn) : null,
      })),
    };
  }
}
