import type { MigrationProfile } from './migration-profile.entity';
import {
  PERSON_CHOICES,
  PROFILE_CHOICES,
  conflicts,
  profileKey,
  type PersonChoice,
  type ProfileChoice,
} from './person-merge-fields';
import type { Person } from './person.entity';

interface Side {
  person: Person;
  profile: MigrationProfile | null;
  cases: number;
}

export interface MergeField {
  /** As named in a merge's `keep`. */
  field: string;
  merged: unknown;
  into: unknown;
  /** Both record it, differently: the reviewer chooses. */
  conflict: boolean;
}

export interface MergeReviewView {
  mergedPersonId: string;
  intoPersonId: string;
  casesOfMerged: number;
  casesOfInto: number;
  fields: MergeField[];
}

const personField = (p: Person, f: PersonChoice): unknown => p[f] ?? null;
const profileField = (p: MigrationProfile | null, f: ProfileChoice): unknown => p?.[f] ?? null;

/** Both people's fields side by side; the ones both record differently are marked to choose. */
export function mergeReviewView({ merged, into }: { merged: Side; into: Side }): MergeReviewView {
  const fields: MergeField[] = [
    ...PERSON_CHOICES.map((f) => ({
      field: f as string,
      merged: personField(merged.person, f),
      into: personField(into.person, f),
    })),
    ...PROFILE_CHOICES.map((f) => ({
      field: profileKey(f) as string,
      merged: profileField(merged.profile, f),
      into: profileField(into.profile, f),
    })),
  ].map((x) => ({ ...x, conflict: conflicts(x.into, x.merged) }));
  return {
    mergedPersonId: merged.person.id,
    intoPersonId: into.person.id,
    casesOfMerged: merged.cases,
    casesOfInto: into.cases,
    fields,
  };
}
