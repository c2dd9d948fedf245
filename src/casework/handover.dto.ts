import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '../common/validation/calendar-date';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class ReassignCaseDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The link worker of the same service who takes the case',
  })
  @Transform(lowerCase)
  @IsUUID()
  linkWorkerId: string;

  @ApiProperty({
    example: 'Caseload balancing',
    maxLength: 500,
    description: 'Why, for the audit trail. Staff only: the person is never told it.',
  })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class ReassignCaseloadDto {
  @ApiProperty({ format: 'uuid', description: 'The link worker who is leaving' })
  @Transform(lowerCase)
  @IsUUID()
  fromLinkWorkerId: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The link worker of the same service who takes every open case',
  })
  @Transform(lowerCase)
  @IsUUID()
  toLinkWorkerId: string;

  @ApiProperty({ example: 'Left the service', maxLength: 500 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class GrantCoverDto {
  @ApiProperty({ format: 'uuid', description: 'The colleague (a link worker of the same service)' })
  @Transform(lowerCase)
  @IsUUID()
  coverUserId: string;

  @ApiProperty({
    example: '2026-08-03',
    format: 'date',
    description: 'First day of cover (UK date)',
  })
  @IsCalendarDate()
  from: string;

  @ApiProperty({
    example: '2026-08-14',
    format: 'date',
    description: 'Last day of cover (UK date, included); cover ends by itself after it',
  })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Whose caseload: a link worker gives cover for their own (leave it out); a team lead or admin names the link worker',
  })
  @IsOptional()
  @Transform(lowerCase)
  @IsUUID()
  linkWorkerId?: string;
}
