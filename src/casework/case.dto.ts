import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../common/http/pagination';
import { PERSON_LOCALES, type Locale } from '../common/i18n/locales';
import { IsIsoCountry, IsIsoLanguage } from '../common/validation/iso-codes';
import {
  ETHNICITIES,
  RELIGIONS,
  SEXES,
  type Ethnicity,
  type Religion,
  type Sex,
  CASE_CLOSE_REASONS,
  CRISIS_TYPES,
  INTERPRETER_GENDERS,
  INTERPRETER_MODES,
  MIGRANT_STATUSES,
  NEEDS_DOMAINS,
  OUTCOME_INSTRUMENTS,
  OUTCOME_TIMEPOINTS,
  SAFEGUARDING_FLAGS,
  type CaseCloseReason,
  type CrisisType,
  type InterpreterGender,
  type InterpreterMode,
  type MigrantStatus,
  type NeedsDomain,
  type OutcomeInstrument,
  type OutcomeTimepoint,
  type SafeguardingFlag,
} from '../common/vocabulary';
import {
  NEED_SEVERITY_MAX,
  NEED_SEVERITY_MIN,
  ONWARD_REFERRAL_SERVICES,
  type OnwardReferralService,
} from './casework.vocabulary';
import { NestedList, NestedObject } from '../common/validation/nested';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
/** An optional note left blank is no note. */
const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : trimmed({ value });

export const CASE_LIST_STATUSES = ['open', 'closed', 'all'] as const;

/** `true` and `false` in a query string; anything else is left for validation to refuse. */
const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_LIST_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(CASE_LIST_STATUSES)
  status?: (typeof CASE_LIST_STATUSES)[number];

  @ApiPropertyOptional({
    description:
      'Finds cases by given or family name (whole words, any order, ignoring case and accents), the referral reference (LW-2026-000123), NHS number, phone number, or date of birth (YYYY-MM-DD)',
    example: 'tesfamariam selam',
    maxLength: 200,
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only cases whose review is due today or earlier (UK date)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  reviewDue?: boolean;

  @ApiPropertyOptional({ description: 'Only cases in crisis (true) or not (false)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  inCrisis?: boolean;

  @ApiPropertyOptional({
    description:
      'Only cases waiting for a group: offered a place the group has not yet answered, or on a waitlist',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  waitingForGroup?: boolean;

  @ApiPropertyOptional({
    enum: NEEDS_DOMAINS,
    description: 'Only cases whose latest needs assessment rates this domain as a need',
  })
  @IsOptional()
  @IsIn(NEEDS_DOMAINS)
  need?: NeedsDomain;

  @ApiPropertyOptional({ example: 'ti', description: "The person's preferred language (ISO 639)" })
  @IsOptional()
  @IsIsoLanguage()
  language?: string;
}

/** What the person would like of an interpreter (all optional; groups see it, never why). */
export class InterpreterPreferencesDto {
  @ApiPropertyOptional({
    example: 'ti',
    description: 'ISO 639 code of the language the interpreter speaks (often the preferred one)',
    nullable: true,
  })
  @IsOptional()
  @IsIsoLanguage()
  language?: string | null;

  @ApiPropertyOptional({ example: 'Tigrinya as spoken in Asmara', maxLength: 100, nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(100)
  dialect?: string | null;

  @ApiPropertyOptional({ enum: INTERPRETER_GENDERS, nullable: true })
  @IsOptional()
  @IsIn(INTERPRETER_GENDERS)
  gender?: InterpreterGender | null;

  @ApiPropertyOptional({ enum: INTERPRETER_MODES, nullable: true })
  @IsOptional()
  @IsIn(INTERPRETER_MODES)
  mode?: InterpreterMode | null;
}

export class MigrationProfileDto {
  @ApiPropertyOptional({ example: 'SO', description: 'ISO 3166-1 alpha-2', nullable: true })
  @IsOptional()
  @IsIsoCountry()
  countryOfBirth?: string | null;

  @ApiPropertyOptional({ example: 'SO', description: 'ISO 3166-1 alpha-2', nullable: true })
  @IsOptional()
  @IsIsoCountry()
  nationality?: string | null;

  @ApiPropertyOptional({ example: 2019, minimum: 1900, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(9999) // the upper bound (not in the future) depends on today, so the service checks it
  yearOfArrival?: number | null;

  @ApiPropertyOptional({ example: 'so', description: 'ISO 639', nullable: true })
  @IsOptional()
  @IsIsoLanguage()
  mainLanguage?: string | null;

  @ApiPropertyOptional({ enum: MIGRANT_STATUSES, nullable: true })
  @IsOptional()
  @IsIn(MIGRANT_STATUSES)
  migrantStatus?: MigrantStatus | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean | null;

  @ApiPropertyOptional({
    type: InterpreterPreferencesDto,
    nullable: true,
    description: 'Kept on the person, beside the interpreter need; null clears them',
  })
  @IsOptional()
  @NestedObject(() => InterpreterPreferencesDto)
  interpreter?: InterpreterPreferencesDto | null;
}

export class NeedDto {
  @ApiProperty({ enum: NEEDS_DOMAINS })
  @IsIn(NEEDS_DOMAINS)
  domain: NeedsDomain;

  @ApiProperty({
    minimum: NEED_SEVERITY_MIN,
    maximum: NEED_SEVERITY_MAX,
    description: '0 none … 4 crisis',
  })
  @IsInt()
  @Min(NEED_SEVERITY_MIN)
  @Max(NEED_SEVERITY_MAX)
  severity: number;

  @ApiProperty({ description: 'The person says this matters most to them' })
  @IsBoolean()
  priority: boolean;

  @ApiPropertyOptional({
    description:
      'Distress from circumstances (status, housing, money) rather than a long-term condition; defaults by domain',
  })
  @IsOptional()
  @IsBoolean()
  situational?: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class NeedsAssessmentDto {
  @ApiProperty({ type: [NeedDto] })
  @NestedList(() => NeedDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(NEEDS_DOMAINS.length)
  needs: NeedDto[];

  @ApiPropertyOptional({
    maxLength: 2000,
    description: '"What matters to me", in the person\'s words',
  })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(2000)
  whatMattersToMe?: string;
}

export class SafeguardingDto {
  @ApiProperty({ enum: SAFEGUARDING_FLAGS, isArray: true })
  @IsArray()
  @ArrayMaxSize(SAFEGUARDING_FLAGS.length)
  @IsIn(SAFEGUARDING_FLAGS, { each: true })
  flags: SafeguardingFlag[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'Encrypted at rest' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ConsentToShareDto {
  @ApiProperty({
    description:
      'Whether the person agrees that community groups may have their contact details and what matters to them',
  })
  @IsBoolean()
  shareWithProviders: boolean;
}

export class RecordCrisisDto {
  @ApiProperty({ enum: CRISIS_TYPES })
  @IsIn(CRISIS_TYPES)
  type: CrisisType;

  @ApiProperty({ example: '2026-11-20', description: 'Date or date-time; not in the future' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Encrypted at rest' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({
    description: "Pause the person's offered and active placements (they keep their places)",
  })
  @IsBoolean()
  pausePlacements: boolean;
}

export class ResolveCrisisDto {
  @ApiProperty({ example: '2026-11-27', description: 'Date or date-time; not in the future' })
  @IsISO8601({ strict: true })
  resolvedAt: string;

  @ApiProperty({ description: 'Resume the placements this crisis paused' })
  @IsBoolean()
  resumePlacements: boolean;
}

export class OnwardReferralDto {
  @ApiProperty({ enum: ONWARD_REFERRAL_SERVICES })
  @IsIn(ONWARD_REFERRAL_SERVICES)
  service: OnwardReferralService;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class OutcomeDto {
  @ApiProperty({ enum: OUTCOME_INSTRUMENTS })
  @IsIn(OUTCOME_INSTRUMENTS)
  instrument: OutcomeInstrument;

  @ApiProperty({ enum: OUTCOME_TIMEPOINTS })
  @IsIn(OUTCOME_TIMEPOINTS)
  timepoint: OutcomeTimepoint;

  @ApiProperty({
    type: [Number],
    description:
      'SWEMWBS: 7 items 1–5; ONS4: 4 items 0–10 (satisfaction, worthwhile, happy, anxious); UCLA3: 3 items 1–3',
  })
  @IsArray()
  @ArrayMaxSize(20)
  answers: unknown[];
}

export class CloseCaseDto {
  @ApiProperty({ enum: CASE_CLOSE_REASONS })
  @IsIn(CASE_CLOSE_REASONS)
  reason: CaseCloseReason;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Encrypted at rest' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    description: 'On relocation: the person agreed to take a transfer summary to their next area',
  })
  @IsOptional()
  @IsBoolean()
  transferConsent?: boolean;
}

export const LETTER_FORMATS = ['json', 'html'] as const;

export class WelcomeLetterQuery {
  @ApiPropertyOptional({
    enum: PERSON_LOCALES,
    description:
      'The letter’s language; default the person’s preferred one if Linkway writes it, else English',
  })
  @IsOptional()
  @IsIn(PERSON_LOCALES)
  lang?: Locale;

  @ApiPropertyOptional({ enum: ['html'], description: 'The letter is HTML (to print)' })
  @IsOptional()
  @IsIn(['html'])
  format?: 'html';
}

export class LetterQuery {
  @ApiPropertyOptional({ enum: LETTER_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(LETTER_FORMATS)
  format?: (typeof LETTER_FORMATS)[number];
}

/** The person's equity answers; each optional. Left out: kept; null: no longer recorded. */
export class EquityDetailsDto {
  @ApiPropertyOptional({ enum: SEXES, nullable: true })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex | null;

  @ApiPropertyOptional({
    enum: ETHNICITIES,
    nullable: true,
    description: 'ONS 2021 ethnic group (19 categories) or prefer_not_to_say',
  })
  @IsOptional()
  @IsIn(ETHNICITIES)
  ethnicity?: Ethnicity | null;

  @ApiPropertyOptional({ enum: RELIGIONS, nullable: true })
  @IsOptional()
  @IsIn(RELIGIONS)
  religion?: Religion | null;
}
