import {
  CASE_CLOSE_REASONS,
  ACTIVITY_TYPES,
  CRISIS_TYPES,
  DELIVERY_MODES,
  MIGRANT_STATUSES,
  NEEDS_DOMAINS,
  PLACEMENT_DECLINE_REASONS,
  PLACEMENT_END_REASONS,
  PLACEMENT_STATUSES,
  REFERRAL_CHANNELS,
  REFERRAL_DECLINE_REASONS,
  ROLES,
  SAFEGUARDING_FLAGS,
  VETTING_CHECKS,
} from '../src/common/vocabulary';
import { humanLabel } from '../src/common/views/labels';
import { ONWARD_REFERRAL_SERVICES } from '../src/casework/casework.vocabulary';
import {
  CONSENT_GIVERS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  PREFERRED_CONTACT_METHODS,
} from '../src/referrals/referral.types';
import { INCIDENT_TYPES } from '../src/directory/incident.entity';

/**
 * Every code a page shows has one label, from one place (common/views/labels.ts): never a code
 * with its underscores swapped for spaces when the words are an acronym or need their own
 * wording ("Sms", "Dbs enhanced").
 */
const VOCABULARIES = {
  ROLES,
  REFERRAL_CHANNELS,
  NEEDS_DOMAINS,
  MIGRANT_STATUSES,
  CRISIS_TYPES,
  SAFEGUARDING_FLAGS,
  VETTING_CHECKS,
  PLACEMENT_DECLINE_REASONS,
  PLACEMENT_END_REASONS,
  PLACEMENT_STATUSES,
  REFERRAL_DECLINE_REASONS,
  CASE_CLOSE_REASONS,
  ACTIVITY_TYPES,
  DELIVERY_MODES,
  ONWARD_REFERRAL_SERVICES,
  CONSENT_GIVERS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  PREFERRED_CONTACT_METHODS,
  INCIDENT_TYPES,
};

/** Abbreviations that read wrongly in title case. */
const SHOUTED_ACRONYMS = /\b(Sms|Dbs|Nhs|Gp|Uk|Eea|Esol|Nrm|Ons|Ucla|Id)\b/;

describe('labels for codes', () => {
  it.each(Object.entries(VOCABULARIES))('%s: every code has words of its own', (_, codes) => {
    for (const code of codes) {
      const label = humanLabel(code);
      expect(label).not.toMatch(SHOUTED_ACRONYMS);
      expect(label).not.toContain('_');
      expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
    }
  });

  it('says "Text message" and "Enhanced DBS check"', () => {
    expect(humanLabel('sms')).toBe('Text message');
    expect(humanLabel('dbs_enhanced')).toBe('Enhanced DBS check');
  });
});
