import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../common/http/pagination';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "A person's id: every read or change of their records",
  })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ example: 'case' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,64}$/)
  entity?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;
}
