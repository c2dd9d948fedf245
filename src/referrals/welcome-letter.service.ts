import { Injectable } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { CaseworkService } from '../casework/casework.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { translate } from '../common/i18n/i18n';
import { languageDisplayName } from '../common/i18n/language-names';
import { DEFAULT_LOCALE, directionOf, isLocale, type Locale } from '../common/i18n/locales';
import { ReferralsService } from './referrals.service';

export const WELCOME_LETTER_VIEW = 'letters/welcome';

/**
 * The welcome letter to a person whose case is open (CONTRACT "Languages"): who their link worker
 * is, what happens next, how their information is used, in their language. Every word comes from
 * the message files. It lives with referrals, which keeps the reference the person was given.
 */
@Injectable()
export class WelcomeLetterService {
  constructor(
    private readonly casework: CaseworkService,
    private readonly referrals: ReferralsService,
    private readonly users: UsersService,
  ) {}

  /**
   * The letter's view model, with the case's access rule. In `lang` when given, else in the
   * person's preferred language when Linkway writes it, else in English.
   */
  async letter(caseId: string, actor: AuthenticatedUser, lang?: Locale) {
    const person = await this.casework.letterAddressee(caseId, actor);
    const locale: Locale =
      lang ?? (isLocale(person.preferredLanguage) ? person.preferredLanguage : DEFAULT_LOCALE);
    const [linkWorker] = await this.users.findByIds([person.linkWorkerId]);
    const reference = person.referralId
      ? await this.referrals.referenceOf(person.referralId)
      : null;
    const interpreterLanguage = person.interpreter?.language ?? person.preferredLanguage;
    return {
      layout: 'letters/layout',
      title: translate(locale, 'letters.welcome.title'),
      locale,
      lang: locale,
      dir: directionOf(locale),
      today: new Date(),
      reference,
      givenName: person.givenName,
      linkWorkerName: linkWorker?.name ?? translate(locale, 'letters.common.team'),
      linkWorkerContact: linkWorker?.email,
      interpreterNeeded: person.interpreterNeeded,
      interpreterLanguageName:
        person.interpreterNeeded && interpreterLanguage
          ? languageDisplayName(interpreterLanguage, locale)
          : undefined,
      interpreterGender:
        person.interpreter?.gender && person.interpreter.gender !== 'no_preference'
          ? person.interpreter.gender
          : undefined,
      interpreterMode: person.interpreter?.mode ?? undefined,
    };
  }
}
