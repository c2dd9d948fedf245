import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DIMENSIONS } from './service-access/dimensions';
import { EQUITY_DIMENSIONS, type EquityDimension } from './equity/equity.types';

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ReportFormatQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class ReportPeriodQuery extends ReportFormatQuery {
  @ApiPropertyOptional({
    example: '2026-04-01',
    description: 'First day (inclusive); default a year before `to`',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({
    example: '2027-03-31',
    description: 'Last day (inclusive); default today',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One service only' })
  @IsOptional()
  @IsUUID('all')
  serviceId?: string;
}

export class ServiceAccessQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({
    example: 'migrantStatus,channel',
    description: `Comma list of breakdowns: ${DIMENSIONS.join(', ')}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  by?: string;
}

export class EquityQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({
    enum: EQUITY_DIMENSIONS,
    default: 'ethnicity',
    description: 'The one breakdown the rates are given by',
  })
  @IsOptional()
  @IsIn(EQUITY_DIMENSIONS, { message: `must be one of ${EQUITY_DIMENSIONS.join(', ')}` })
  by?: EquityDimension;
}
