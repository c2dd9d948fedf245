import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../common/http/pagination';
import { EMAIL_FREQUENCIES, type EmailFrequency } from './notification-preference.entity';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox-message.entity';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class ListOutboxQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: OUTBOX_STATUSES,
    description:
      'queued, sent, delivered, failed (will be retried) or permanent_failure; also held (for a digest), digested, cancelled',
  })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;
}

export class RetryMessageDto {
  @ApiPropertyOptional({
    maxLength: 254,
    description:
      'A corrected email address (email) or UK mobile number (text); omit to use the same',
  })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  address?: string;
}

export class NotificationPreferenceDto {
  @ApiProperty({ description: 'Whether to get emails at all' })
  @IsBoolean()
  emailEnabled: boolean;

  @ApiProperty({ enum: EMAIL_FREQUENCIES, description: 'An email for each event, or one a day' })
  @IsIn(EMAIL_FREQUENCIES)
  frequency: EmailFrequency;
}

export class TextConsentDto {
  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'When the person agreed' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date (YYYY-MM-DD)' })
  agreedOn: string;
}
