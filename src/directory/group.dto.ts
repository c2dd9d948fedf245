import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../common/http/pagination';
import { IsIsoLanguage } from '../common/validation/iso-codes';
import {
  ACTIVITY_TYPES,
  DELIVERY_MODES,
  NEEDS_DOMAINS,
  VETTING_CHECKS,
  type ActivityType,
  type DeliveryMode,
  type NeedsDomain,
  type VettingCheck,
} from '../common/vocabulary';
import { normalisePostcode, UK_POSTCODE } from '../organisations/organisation.dto';
import { INCIDENT_TYPES, type IncidentType } from './incident.entity';
import { NestedList, NestedObject } from '../common/validation/nested';
import {
  RECURRENCES,
  TIME_PATTERN,
  TIME_WINDOWS,
  WEEKDAYS,
  type Recurrence,
  type TimeWindow,
  type Weekday,
} from './schedule';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const lowerCodes = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v))
    : value;

export class AccessibilityDto {
  @ApiPropertyOptional({ default: false, description: 'Childcare (crèche) available' })
  @IsOptional()
  @IsBoolean()
  childcare?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Help with travel (fares, escort)' })
  @IsOptional()
  @IsBoolean()
  travelSupport?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  stepFree?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  womenOnly?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Works with interpreters' })
  @IsOptional()
  @IsBoolean()
  interpreters?: boolean;
}

export class AgeRangeDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  min?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  max?: number;
}

const TIME_MESSAGE = 'must be a 24-hour time such as 09:30 or 18:00';

export class SessionDto {
  @ApiProperty({ enum: WEEKDAYS })
  @IsIn(WEEKDAYS)
  weekday: Weekday;

  @ApiProperty({ example: '18:00', description: 'UK local time, 24-hour' })
  @Matches(TIME_PATTERN, { message: TIME_MESSAGE })
  start: string;

  @ApiPropertyOptional({ example: '20:00', description: 'After the start' })
  @IsOptional()
  @Matches(TIME_PATTERN, { message: TIME_MESSAGE })
  end?: string | null;

  @ApiPropertyOptional({ enum: RECURRENCES, default: 'weekly' })
  @IsOptional()
  @IsIn(RECURRENCES)
  recurrence?: Recurrence;
}

export class CreateGroupDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The providing organisation; a coordinator may only name their own (the default)',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ example: 'Women’s conversation café' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Informal English conversation over tea, with a crèche.' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  description: string;

  @ApiProperty({ enum: ACTIVITY_TYPES, isArray: true })
  @IsArray()
  @ArrayMaxSize(ACTIVITY_TYPES.length)
  @IsIn(ACTIVITY_TYPES, { each: true })
  activityTypes: ActivityType[];

  @ApiProperty({ enum: NEEDS_DOMAINS, isArray: true })
  @IsArray()
  @ArrayMaxSize(NEEDS_DOMAINS.length)
  @IsIn(NEEDS_DOMAINS, { each: true })
  needsServed: NeedsDomain[];

  @ApiProperty({ type: [String], example: ['en', 'ar', 'so'], description: 'ISO 639 codes' })
  @Transform(lowerCodes)
  @IsArray()
  @ArrayMaxSize(40)
  @IsIsoLanguage({ each: true })
  languages: string[];

  @ApiPropertyOptional({ example: 'NG7 1AA' })
  @IsOptional()
  @Transform(normalisePostcode)
  @Matches(UK_POSTCODE, { message: 'must be a UK postcode' })
  postcode?: string | null;

  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES)
  deliveryMode: DeliveryMode;

  @ApiPropertyOptional({ type: AccessibilityDto })
  @IsOptional()
  @NestedObject(() => AccessibilityDto)
  accessibility?: AccessibilityDto;

  @ApiPropertyOptional({
    type: [SessionDto],
    description: 'When it meets, as sessions (replaces them all). Up to 14.',
  })
  @IsOptional()
  @ArrayMaxSize(14)
  @NestedList(() => SessionDto)
  sessions?: SessionDto[];

  @ApiPropertyOptional({
    example: 'Term time only',
    description: 'What cannot be said as sessions',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(500)
  scheduleNotes?: string | null;

  @ApiPropertyOptional({
    example: 'Tuesdays 10:00–12:00, term time',
    description:
      'The schedule as text, instead of sessions and scheduleNotes: what reads unambiguously as sessions (a day and a 24-hour or am/pm time) becomes sessions, the rest notes',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(500)
  schedule?: string | null;

  @ApiPropertyOptional({ example: 'Free' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  cost?: string | null;

  @ApiPropertyOptional({ type: AgeRangeDto })
  @IsOptional()
  @NestedObject(() => AgeRangeDto)
  ageRange?: AgeRangeDto | null;
}

export class UpdateGroupDto extends PartialType(CreateGroupDto) {}

export class ListGroupsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class RecordVettingCheckDto {
  @ApiProperty({ enum: VETTING_CHECKS })
  @IsIn(VETTING_CHECKS)
  check: VettingCheck;

  @ApiProperty({ example: 'Policy v3 seen, adopted by trustees 2025-11-02' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  evidence: string;

  @ApiProperty({ example: '2026-01-15', description: 'When it was verified (not in the future)' })
  @IsISO8601({ strict: true })
  verifiedAt: string;

  @ApiProperty({ example: '2027-01-15', description: 'When it lapses (after verifiedAt)' })
  @IsISO8601({ strict: true })
  expiresAt: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Boundary concern under review' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ReportIncidentDto {
  @ApiProperty({ enum: INCIDENT_TYPES })
  @IsIn(INCIDENT_TYPES)
  type: IncidentType;

  @ApiProperty()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  description: string;

  @ApiProperty({ example: '2026-02-20T18:30:00Z' })
  @IsISO8601({ strict: true })
  occurredAt: string;
}

/** `?when=a&when=b` or `?when=a,b`. */
const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean)
    : Array.isArray(value)
      ? value.flatMap((v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((x) => x.trim().toLowerCase())
                .filter(Boolean)
            : [v],
        )
      : value;

const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class SearchGroupsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Match for this case (its required level)' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: NEEDS_DOMAINS })
  @IsOptional()
  @IsIn(NEEDS_DOMAINS)
  need?: NeedsDomain;

  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_TYPES)
  activityType?: ActivityType;

  @ApiPropertyOptional({ example: 'so' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsIsoLanguage()
  language?: string;

  @ApiPropertyOptional({ enum: DELIVERY_MODES })
  @IsOptional()
  @IsIn(DELIVERY_MODES)
  deliveryMode?: DeliveryMode;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  stepFree?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  childcare?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  womenOnly?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  travelSupport?: boolean;

  @ApiPropertyOptional({ example: 'NG7 1AA', description: 'A postcode or outward code to rank by' })
  @IsOptional()
  @Transform(normalisePostcode)
  @Matches(/^[A-Z]{1,2}\d[A-Z\d]?( ?\d[A-Z]{2})?$/, {
    message: 'must be a UK postcode or outward code',
  })
  near?: string;

  @ApiPropertyOptional({
    enum: TIME_WINDOWS,
    isArray: true,
    description:
      'Groups with a session in any of these parts of the week: weekday_daytime (Monday to Friday, starting before 17:00), weekday_evening (Monday to Friday, starting 17:00 or later), weekend (Saturday or Sunday). "Evenings or weekends" is weekday_evening,weekend. Repeat the parameter or separate with commas.',
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(TIME_WINDOWS.length)
  @IsIn(TIME_WINDOWS, { each: true })
  when?: TimeWindow[];

  @ApiPropertyOptional({
    enum: WEEKDAYS,
    isArray: true,
    description: 'Groups with a session on any of these days (and in `when`, if given)',
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(WEEKDAYS.length)
  @IsIn(WEEKDAYS, { each: true })
  day?: Weekday[];

  @ApiPropertyOptional({ description: 'Also say why each other group was left out' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean()
  explain?: boolean;
}

export const IMPORT_FORMATS = ['hsds', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export class ImportDirectoryDto {
  @ApiProperty({ enum: IMPORT_FORMATS })
  @IsIn(IMPORT_FORMATS)
  format: ImportFormat;

  @ApiProperty({ description: 'The HSDS JSON (array of services or a page) or CSV text' })
  @IsString()
  @MinLength(1)
  content: string;
}
