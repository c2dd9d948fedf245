import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NOTE_MAX } from './contact.dto';

const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RecordReviewDto {
  @ApiProperty({ example: '2026-11-27', description: 'The date of the review; not in the future' })
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  reviewedAt: string;

  @ApiProperty({
    example: '2026-12-25',
    description:
      'After reviewedAt and at most 92 days later (7 while the case is in crisis); the case’s reviewBy becomes this',
  })
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'must be a date (YYYY-MM-DD)' })
  nextReviewBy: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'Encrypted at rest' })
  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}
