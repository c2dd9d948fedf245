import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class RetentionDryRunQuery {
  @ApiPropertyOptional({
    enum: ['true'],
    description: 'Always a dry run: GET never changes anything (POST applies retention)',
  })
  @IsOptional()
  @IsIn(['true'], { message: 'must be true: to apply retention, POST /api/admin/retention' })
  dryRun?: 'true';
}

export class RetentionApplyQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'true: report what would be anonymised and change nothing',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}
