import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const integer = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** HSDS list parameters. Unknown parameters are refused like everywhere else in the API. */
export class HsdsListQuery {
  @ApiPropertyOptional({ description: 'Full text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(integer)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(integer)
  @IsInt()
  @Min(1)
  @Max(200)
  per_page?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  taxonomy_term_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  taxonomy_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  modified_after?: string;

  @ApiPropertyOptional({ description: 'Accepted for compatibility; services are always nested' })
  @IsOptional()
  @IsString()
  full?: string;

  @ApiPropertyOptional({ description: 'Accepted for compatibility; only JSON is offered' })
  @IsOptional()
  @IsString()
  format?: string;
}
