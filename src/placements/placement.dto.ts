import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
} from 'class-validator';
import { PageQuery } from '../common/http/pagination';
import {
  PLACEMENT_DECLINE_REASONS,
  PLACEMENT_END_REASONS,
  PLACEMENT_STATUSES,
  type PlacementDeclineReason,
  type PlacementEndReason,
  type PlacementStatus,
} from '../common/vocabulary';

export const MAX_PLACES = 10000;
export const MAX_WEEKLY_INTAKE = 1000;

export class SetCapacityDto {
  @ApiProperty({ minimum: 0, maximum: MAX_PLACES, example: 12 })
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  places: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_WEEKLY_INTAKE,
    nullable: true,
    description: 'New offers a week at most; null or absent for no weekly limit',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_WEEKLY_INTAKE)
  weeklyIntakeLimit?: number | null;

  @ApiProperty()
  @IsBoolean()
  waitlistEnabled: boolean;

  @ApiProperty({ description: 'While paused the group takes no new offers' })
  @IsBoolean()
  intakePaused: boolean;

  @ApiProperty({ minimum: 1, maximum: 60, example: 7 })
  @IsInt()
  @Min(1)
  @Max(60)
  offerExpiryDays: number;
}

export class OfferPlacementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  groupId: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description: 'For the group to read: keep it to what they need to welcome the person',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class AcceptPlacementDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-12-01T10:00:00Z',
    description:
      'When the person’s first session is: they are reminded by text the day before, if they agreed to texts',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be a date and time (ISO 8601)' })
  firstSessionAt?: string;
}

export class DeclinePlacementDto {
  @ApiProperty({ enum: PLACEMENT_DECLINE_REASONS })
  @IsIn(PLACEMENT_DECLINE_REASONS)
  reason: PlacementDeclineReason;
}

export class EndPlacementDto {
  @ApiProperty({ enum: PLACEMENT_END_REASONS })
  @IsIn(PLACEMENT_END_REASONS)
  reason: PlacementEndReason;
}

export class AttendanceDto {
  @ApiProperty({ format: 'date', example: '2026-11-24' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  date: string;

  @ApiProperty()
  @IsBoolean()
  attended: boolean;
}

export class ListPlacementsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES })
  @IsOptional()
  @IsIn(PLACEMENT_STATUSES)
  status?: PlacementStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  groupId?: string;
}
