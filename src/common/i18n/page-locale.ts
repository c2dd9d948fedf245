import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { DEFAULT_LOCALE, directionOf, isLocale, type Locale } from './locales';

/**
 * What a page's templates read to speak the person's language: `locale` (for the `t` helper),
 * `lang` and `dir` (for `<html>`), and whether the person chose it (`localeChosen`).
 */
export interface PageLocale {
  locale: Locale;
  lang: string;
  dir: 'ltr' | 'rtl';
  localeChosen: boolean;
}

export function setPageLocale(res: Response, locale: Locale, chosen: boolean): PageLocale {
  const page: PageLocale = { locale, lang: locale, dir: directionOf(locale), localeChosen: chosen };
  Object.assign(res.locals, page);
  return page;
}

/** The locale a page was given by `setPageLocale` (English when none was). */
export function pageLocaleOf(res: Response): PageLocale {
  const { locale, localeChosen } = res.locals as Partial<PageLocale>;
  const chosen = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return {
    locale: chosen,
    lang: chosen,
    dir: directionOf(chosen),
    localeChosen: localeChosen === true,
  };
}

interface LocaleSession {
  personLocale?: string;
}

/**
 * For pages people use without signing in: `?lang=` (one of the person-facing locales) chooses the
 * language and the session keeps it for the pages that follow; without either, English.
 */
@Injectable()
export class PersonLocaleInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const session = req.session as unknown as LocaleSession | undefined;
    const asked = req.query.lang;
    if (isLocale(asked) && session) session.personLocale = asked;
    const kept = isLocale(asked) ? asked : session?.personLocale;
    setPageLocale(
      http.getResponse<Response>(),
      isLocale(kept) ? kept : DEFAULT_LOCALE,
      isLocale(kept),
    );
    return next.handle();
  }
}
