import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

export class CreateTaskDto {
  @ApiProperty({ maxLength: 200, description: 'Encrypted at rest' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2026-12-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  dueOn: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A link worker of the case's service; the case's link worker when omitted",
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

export const TASK_STATUSES = ['open', 'done', 'all'] as const;
export type TaskStatusFilter = (typeof TASK_STATUSES)[number];

export class TasksQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatusFilter;
}
