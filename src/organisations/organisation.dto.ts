import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../common/http/pagination';
import { ORGANISATION_KINDS, type OrganisationKind } from '../common/vocabulary';
import { ODS_CODE, upperCaseTrimmed } from '../services/services.dto';

/** UK postcode, loosely: outward code, optional space, inward code. */
export const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;
export const normalisePostcode = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase().replace(/\s+/g, ' ') : value;

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Radford Health Centre' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: ORGANISATION_KINDS,
    description: 'A referral channel code, or community_group',
  })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiPropertyOptional({ example: 'NG7 1AA' })
  @IsOptional()
  @Transform(normalisePostcode)
  @Matches(UK_POSTCODE, { message: 'must be a UK postcode' })
  postcode?: string;

  @ApiPropertyOptional({ example: 'C84001', description: '3–6 upper-case letters and digits' })
  @IsOptional()
  @Transform(upperCaseTrimmed)
  @Matches(ODS_CODE, { message: 'must be 3 to 6 letters and digits' })
  odsCode?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The service this organisation's referrals go to (the default service when omitted)",
  })
  @IsOptional()
  @IsUUID()
  serviceId?: string;
}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}
