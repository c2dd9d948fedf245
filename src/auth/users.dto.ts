import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsIsoLanguage } from '../common/validation/iso-codes';
import { ROLES, type Role } from '../common/vocabulary';

export class CreateUserDto {
  @ApiProperty({ example: 'new.worker@linkway.example' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Sam Okafor' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for group_coordinator and referrer',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 40 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  caseloadLimit?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The service of a link worker or team lead; the default service when omitted',
  })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['ti', 'ar'],
    description: 'ISO 639 codes of the languages the user speaks',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIsoLanguage({ each: true })
  languages?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "A commissioner's services whose reports it may read; none means all",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  serviceIds?: string[];
}

/** What an admin may change about a user; a link worker's move of service needs an empty caseload. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Sam Okafor' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  caseloadLimit?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiPropertyOptional({ type: [String], example: ['ti'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIsoLanguage({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  serviceIds?: string[];
}

export class ListUsersQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;
}
