import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsIsoLanguage } from '../common/validation/iso-codes';
import { SESSION_MODES, type ContactMode } from '../common/vocabulary';
import { NOTE_MAX } from './contact.dto';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : trimmed({ value });

export const APPOINTMENT_MINUTES = { min: 5, max: 480 } as const;

export class BookAppointmentDto {
  @ApiProperty({
    example: '2026-12-01T10:00:00Z',
    description: 'A date-time (without a zone it is London time); not in the past',
  })
  @IsISO8601({ strict: true })
  @Matches(/T/, { message: 'must be a date and a time' })
  startsAt: string;

  @ApiProperty({ minimum: APPOINTMENT_MINUTES.min, maximum: APPOINTMENT_MINUTES.max })
  @IsInt()
  @Min(APPOINTMENT_MINUTES.min)
  @Max(APPOINTMENT_MINUTES.max)
  durationMinutes: number;

  @ApiProperty({
    enum: SESSION_MODES,
    description: 'A contact mode that is a meeting (not text_message or email)',
  })
  @IsIn(SESSION_MODES)
  mode: ContactMode;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Where, or how to join. Shown in the calendar feed: no names.',
  })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({
    example: 'ti',
    description: 'ISO 639: book an interpreter for this language',
  })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsIsoLanguage()
  interpreterLanguage?: string;
}

export class AppointmentOutcomeDto {
  @ApiProperty({
    description: 'true: the person came (a contact is recorded); false: did not attend',
  })
  @IsBoolean()
  attended: boolean;

  @ApiPropertyOptional({
    maxLength: NOTE_MAX,
    description: "Encrypted at rest; an attended appointment's note is its contact's note",
  })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class CancelAppointmentDto {
  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'Why; encrypted at rest' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class AppointmentsQuery {
  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'A date (London) or date-time; default the start of today',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-07',
    description: 'A date (the whole day is included) or date-time; default 7 days after from',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
