import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { NestedObject } from '../common/validation/nested';
import {
  PERSON_CHOICES,
  PROFILE_CHOICES,
  profileKey,
  type KeepChoices,
  type ProfileChoice,
  type Side,
} from './person-merge-fields';

export const SIDES = ['merged', 'into'] as const satisfies readonly Side[];

/** Marks each field as an optional choice of side, so the DTO follows the list of fields. */
function choicesOf(target: object, fields: readonly string[]) {
  for (const field of fields) {
    ApiPropertyOptional({ enum: SIDES })(target, field);
    IsOptional()(target, field);
    IsIn(SIDES, { message: 'must be merged or into' })(target, field);
  }
}

/** The migration profile's fields, each kept from `merged` or `into`. */
export class KeepProfileDto {}
choicesOf(KeepProfileDto.prototype, PROFILE_CHOICES);

/**
 * For each field the two people record differently, whose value the kept person ends with:
 * `into` (the kept person's own, the default) or `merged`. A field only one of them records is
 * kept whoever has it.
 */
export class KeepDto {
  @ApiPropertyOptional({ type: KeepProfileDto })
  @IsOptional()
  @NestedObject(() => KeepProfileDto)
  migrationProfile?: KeepProfileDto;
}
choicesOf(KeepDto.prototype, PERSON_CHOICES);

export class MergePersonDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The person who stays; the other is merged into them',
  })
  @IsUUID('all', { message: 'must be a person id' })
  intoPersonId: string;

  @ApiPropertyOptional({ type: KeepDto })
  @IsOptional()
  @NestedObject(() => KeepDto)
  keep?: KeepDto;
}

/** The choices as the merge reads them (`migrationProfile.country_of_birth` → its own key). */
export function keepChoices(keep: KeepDto | undefined): KeepChoices {
  if (!keep) return {};
  const { migrationProfile, ...person } = keep;
  const choices: KeepChoices = { ...(person as KeepChoices) };
  for (const [field, side] of Object.entries(migrationProfile ?? {}))
    choices[profileKey(field as ProfileChoice)] = side as Side;
  return choices;
}
