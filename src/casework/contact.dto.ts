import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
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
import { IsIsoLanguage } from '../common/validation/iso-codes';
import { NestedObject } from '../common/validation/nested';
import { CONTACT_MODES, type ContactMode } from '../common/vocabulary';
import {
  CONTACT_INITIATORS,
  INTERPRETER_MODES,
  type ContactInitiator,
  type InterpreterMode,
} from './casework.vocabulary';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : trimmed({ value });

export const NOTE_MAX = 5000;
export const CONTACT_MINUTES_MAX = 720;

export class InterpreterDto {
  @ApiProperty({ example: 'ti', description: 'ISO 639 code of the language interpreted' })
  @IsIsoLanguage()
  language: string;

  @ApiProperty({ enum: INTERPRETER_MODES, description: 'How the interpreter took part' })
  @IsIn(INTERPRETER_MODES)
  mode: InterpreterMode;
}

export class RecordContactDto {
  @ApiProperty({
    example: '2026-11-27T10:30:00Z',
    description:
      'When it happened: a date-time (without a zone it is London time), or a date alone; never in the future',
  })
  @IsISO8601({ strict: true })
  at: string;

  @ApiProperty({ enum: CONTACT_MODES })
  @IsIn(CONTACT_MODES)
  mode: ContactMode;

  @ApiPropertyOptional({ enum: CONTACT_INITIATORS, default: 'link_worker' })
  @IsOptional()
  @IsIn(CONTACT_INITIATORS)
  initiatedBy?: ContactInitiator;

  @ApiPropertyOptional({ minimum: 1, maximum: CONTACT_MINUTES_MAX })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CONTACT_MINUTES_MAX)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: InterpreterDto, description: 'When an interpreter was used' })
  @IsOptional()
  @NestedObject(() => InterpreterDto)
  interpreter?: InterpreterDto;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'Encrypted at rest' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class CorrectContactNoteDto {
  @ApiProperty({
    maxLength: NOTE_MAX,
    description:
      'The corrected note. Within 24 hours of recording it, its author replaces the note; after that (or for anyone else) it is appended as an amendment and the original is kept.',
  })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  note: string;
}
