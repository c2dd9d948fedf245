import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  buildMessage,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MinLength,
  IsUUID,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { InterpreterPreferencesDto } from '../casework/case.dto';
import { PageQuery } from '../common/http/pagination';
import { IsIsoLanguage } from '../common/validation/iso-codes';
import { IsNhsNumber } from '../common/validation/nhs-number';
import {
  ETHNICITIES,
  NEEDS_DOMAINS,
  RELIGIONS,
  SEXES,
  REFERRAL_CHANNELS,
  REFERRAL_DECLINE_REASONS,
  REFERRAL_STATUSES,
  URGENCIES,
  type Ethnicity,
  type NeedsDomain,
  type ReferralChannel,
  type Religion,
  type Sex,
  type ReferralDeclineReason,
  type ReferralStatus,
  type Urgency,
} from '../common/vocabulary';
import { normalisePostcode, UK_POSTCODE } from '../organisations/organisation.dto';
import {
  CONSENT_GIVERS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  PREFERRED_CONTACT_METHODS,
  type ConsentGiver,
  type ContactMethod,
  type ContactOutcome,
  type PreferredContact,
} from './referral.types';
import { ukDate } from '../common/uk-date';
import { NestedObject } from '../common/validation/nested';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A real calendar date, YYYY-MM-DD, from 1900 on. */
export function isRealCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  if (isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return false;
  return value >= '1900-01-01';
}

/** A real calendar date, YYYY-MM-DD, not after today in the UK and not before 1900. */
export function isPastCalendarDate(value: unknown): boolean {
  return isRealCalendarDate(value) && value <= ukDate();
}

/**
 * A date in the past, checked as two rules so a page can tell "not a real date" from "in the
 * future": `isRealDate` (YYYY-MM-DD, a real calendar date, 1900 or later) and `isNotFuture`.
 */
function IsPastDate(options?: ValidationOptions): PropertyDecorator {
  const real = ValidateBy(
    {
      name: 'isRealDate',
      validator: {
        validate: isRealCalendarDate,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a real date (YYYY-MM-DD), 1900 or later`,
          options,
        ),
      },
    },
    options,
  );
  const notFuture = ValidateBy(
    {
      name: 'isNotFuture',
      validator: {
        validate: (value: unknown) => !isRealCalendarDate(value) || value <= ukDate(),
        defaultMessage: buildMessage(
          (each) => `${each}$property must not be in the future`,
          options,
        ),
      },
    },
    options,
  );
  return (target: object, property: string | symbol) => {
    real(target, property);
    notFuture(target, property);
  };
}

export class ReferralPersonDto {
  @ApiProperty({ example: 'Amina', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(100)
  givenName: string;

  @ApiPropertyOptional({ example: 'Yusuf', maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  familyName?: string | null;

  @ApiPropertyOptional({ example: '1990-04-02', format: 'date' })
  @IsOptional()
  @IsPastDate()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ enum: SEXES, description: 'Optional, never required' })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex | null;

  @ApiPropertyOptional({
    enum: ETHNICITIES,
    description: 'ONS 2021 ethnic group (19 categories) or prefer_not_to_say; optional',
  })
  @IsOptional()
  @IsIn(ETHNICITIES)
  ethnicity?: Ethnicity | null;

  @ApiPropertyOptional({ enum: RELIGIONS, description: 'Census 2021 religion; optional' })
  @IsOptional()
  @IsIn(RELIGIONS)
  religion?: Religion | null;

  @ApiPropertyOptional({ example: 'NG7 1AA' })
  @IsOptional()
  @Transform(normalisePostcode)
  @Matches(UK_POSTCODE, { message: 'must be a UK postcode' })
  postcode?: string | null;

  @ApiPropertyOptional({ example: '07700 900123', maxLength: 40 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^\+?[\d\s()-]{7,40}$/, { message: 'must be a phone number' })
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ example: 'amina@example.org', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ enum: PREFERRED_CONTACT_METHODS })
  @IsOptional()
  @IsIn(PREFERRED_CONTACT_METHODS)
  preferredContact?: PreferredContact | null;

  @ApiPropertyOptional({ example: 'so', description: 'ISO 639-1 (or a listed ISO 639-3) code' })
  @IsOptional()
  @IsIsoLanguage()
  preferredLanguage?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean | null;

  @ApiPropertyOptional({ type: InterpreterPreferencesDto, nullable: true })
  @IsOptional()
  @NestedObject(() => InterpreterPreferencesDto)
  interpreter?: InterpreterPreferencesDto | null;

  @ApiPropertyOptional({ description: 'Registered with a GP; never required' })
  @IsOptional()
  @IsBoolean()
  gpRegistered?: boolean | null;

  @ApiPropertyOptional({ example: '9434765919', description: 'Must pass the modulus 11 check' })
  @IsOptional()
  @IsNhsNumber()
  nhsNumber?: string | null;

  @ApiPropertyOptional({ maxLength: 500, description: 'Access needs, in the person’s words' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  accessNeeds?: string | null;
}

export class ReferralConsentDto {
  @ApiProperty({ description: 'The referral was discussed with the person and they agreed' })
  @Equals(true, { message: 'must be true: the person must agree to be referred' })
  referralDiscussed: boolean;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'Default: today' })
  @IsOptional()
  @IsPastDate()
  date?: string;

  @ApiPropertyOptional({ description: 'Details may be shared with community groups' })
  @IsOptional()
  @IsBoolean()
  shareWithProviders?: boolean;

  @ApiPropertyOptional({ enum: CONSENT_GIVERS, default: 'person' })
  @IsOptional()
  @IsIn(CONSENT_GIVERS)
  givenBy?: ConsentGiver;
}

/** Everything of a referral except its channel: the self-referral form's body. */
export class ReferralBodyDto {
  @ApiPropertyOptional({ example: 'Dr A Patel', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  referrerName?: string | null;

  @ApiPropertyOptional({ example: '0115 000 0000', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  referrerContact?: string | null;

  @ApiProperty({ type: ReferralPersonDto })
  @NestedObject(() => ReferralPersonDto)
  person: ReferralPersonDto;

  @ApiProperty({ enum: NEEDS_DOMAINS, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NEEDS_DOMAINS.length)
  @ArrayUnique()
  @IsIn(NEEDS_DOMAINS, { each: true })
  reasons: NeedsDomain[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string | null;

  @ApiPropertyOptional({ enum: URGENCIES, default: 'routine' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiProperty({ type: ReferralConsentDto })
  @NestedObject(() => ReferralConsentDto)
  consent: ReferralConsentDto;
}

export class CreateReferralDto extends ReferralBodyDto {
  @ApiProperty({ enum: REFERRAL_CHANNELS, example: 'gp_practice' })
  @IsIn(REFERRAL_CHANNELS)
  channel: ReferralChannel;
}

export class SelfReferralDto extends ReferralBodyDto {
  /** A honeypot: hidden from people, so anything in it came from a bot. */
  @ApiPropertyOptional({ description: 'Leave empty (spam trap)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListReferralsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ description: 'true: only referrals not yet assigned' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({ description: 'A link worker id, or "me"' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'must be a user id or "me"',
  })
  assignedTo?: string;
}

export class AssignReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  linkWorkerId: string;
}

export class RouteReferralDto {
  @ApiProperty({ format: 'uuid', description: 'The service the referral goes to' })
  @IsUUID('all')
  serviceId: string;

  @ApiProperty({ example: 'The person lives in the council’s area', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class DeclineReferralDto {
  @ApiProperty({ enum: REFERRAL_DECLINE_REASONS })
  @IsIn(REFERRAL_DECLINE_REASONS)
  reason: ReferralDeclineReason;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** How many referrals one bulk change may take: a screenful of the inbox. */
export const BULK_LIMIT = 50;

const lowerCaseIds = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value;

class BulkReferralsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: BULK_LIMIT,
    description:
      'Each is checked as a single change would be, in one transaction: all change, or (at the first refusal, whose error names the referral as referralIds.N) none do',
  })
  @Transform(lowerCaseIds)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_LIMIT)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  referralIds: string[];
}

export class BulkAssignReferralsDto extends BulkReferralsDto {
  @ApiProperty({ format: 'uuid' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  @IsUUID('all')
  linkWorkerId: string;
}

export class BulkDeclineReferralsDto extends BulkReferralsDto {
  @ApiProperty({ enum: REFERRAL_DECLINE_REASONS })
  @IsIn(REFERRAL_DECLINE_REASONS)
  reason: ReferralDeclineReason;

  @ApiPropertyOptional({ maxLength: 2000, description: 'The same note on each (encrypted)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ContactAttemptDto {
  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS)
  method: ContactMethod;

  @ApiProperty({ enum: CONTACT_OUTCOMES })
  @IsIn(CONTACT_OUTCOMES)
  outcome: ContactOutcome;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class DocumentFormatQuery {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}
