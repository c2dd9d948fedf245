import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
}

export class ListUsersQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
