import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

/** NHS ODS codes: 3 to 6 upper-case letters and digits (a GP practice is A12345, a PCN U12345). */
export const ODS_CODE = /^[A-Z0-9]{3,6}$/;
/** ONS GSS codes of local authority districts: E06, E07, E08, E09 (England), W06, S12, N09. */
export const LOCAL_AUTHORITY_CODE = /^(E0[6-9]|W06|S12|N09)\d{6}$/;

export const upperCaseTrimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class ServiceDto {
  @ApiProperty({ example: 'Radford and Lenton PCN social prescribing' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'U12345', description: '3–6 upper-case letters and digits' })
  @IsOptional()
  @Transform(upperCaseTrimmed)
  @Matches(ODS_CODE, { message: 'must be 3 to 6 letters and digits' })
  odsCode?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['E06000018'],
    description: 'ONS codes of the local authority districts whose self-referrals come here',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => upperCaseTrimmed({ value: v })) : value,
  )
  @Matches(LOCAL_AUTHORITY_CODE, {
    each: true,
    message: 'must be local authority district codes such as E06000018',
  })
  localAuthorityCodes?: string[];
}
