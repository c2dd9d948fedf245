import { DEFAULT_LOCALE, isLocale } from './locales';
import type { MessageCatalogue } from './message-catalogue';

interface HelperRegistry {
  registerHelper(name: string, fn: (...args: unknown[]) => unknown): void;
}

interface HelperOptions {
  hash?: Record<string, unknown>;
  data?: { root?: { locale?: unknown } };
}

/**
 * `{{t "selfReferral.name.title"}}`, `{{t "letters.common.greeting" name=givenName}}`: a message in
 * the page's locale (`@root.locale`, set by `setPageLocale`; English when none), or in the one
 * named by `lng=` (the language picker writes each language in itself). The result is text, so
 * Handlebars escapes it.
 */
export function registerI18nHelpers(hbs: HelperRegistry, catalogue: MessageCatalogue): void {
  hbs.registerHelper('t', (...args: unknown[]) => {
    const options = args[args.length - 1] as HelperOptions;
    const key = args.length > 1 ? args[0] : undefined;
    const { lng, ...values } = options.hash ?? {};
    const pageLocale = options.data?.root?.locale;
    const locale = isLocale(lng) ? lng : isLocale(pageLocale) ? pageLocale : DEFAULT_LOCALE;
    return catalogue.t(locale, String(key), values);
  });
}
