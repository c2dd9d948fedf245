import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CaseworkService } from './casework.service';

@ApiTags('cases')
@Controller('api/cases')
export class CaseApiController {
  constructor(private readonly casework: CaseworkService) {}

  @Allow('link_worker', 'admin')
  @Get(':id')
  get(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.casework.getCase(id, actor);
  }
}
