import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { CaseworkService } from './casework.service';

/** Data-protection requests about a person (admin). */
@ApiTags('data protection')
@Allow('admin')
@Controller('api/people/:id')
export class PeopleApiController {
  constructor(private readonly casework: CaseworkService) {}

  @Get('export')
  @ApiOkResponse({ description: 'Everything held about the person, with who read their record' })
  export(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    return this.casework.exportPerson(id, actor.id);
  }

  @Post('erase')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Identifying data removed; aggregate counts unchanged' })
  async erase(@Param('id', UuidParam) id: string, @CurrentUser() actor: AuthenticatedUser) {
    await this.casework.erasePerson(id, actor.id);
    return { personId: id, erased: true };
  }
}
