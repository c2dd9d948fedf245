import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../common/auth/auth.decorators';
import { pageLimit } from '../common/http/pagination';
import { AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/audit')
export class AuditApiController {
  constructor(private readonly audit: AuditService) {}

  @Allow('admin')
  @Get()
  list(@Query() query: AuditQueryDto) {
    return this.audit.list({ ...query, limit: pageLimit(query) });
  }
}
