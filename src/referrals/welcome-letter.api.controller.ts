import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WelcomeLetterQuery } from '../casework/case.dto';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { WELCOME_LETTER_VIEW, WelcomeLetterService } from './welcome-letter.service';

/** Letters to the person about their case, in their language (CONTRACT "Languages"). */
@ApiTags('cases')
@Controller('api/cases')
export class WelcomeLetterApiController {
  constructor(private readonly letters: WelcomeLetterService) {}

  /** The same access as the case: its link worker (and cover), its service's team lead, admins. */
  @Allow('team_lead', 'link_worker', 'admin')
  @Get(':id/letters/welcome')
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'The welcome letter as printable HTML: who their link worker is, what happens next, how their information is used',
  })
  async welcome(
    @Param('id', UuidParam) id: string,
    @Query() query: WelcomeLetterQuery,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    res.render(WELCOME_LETTER_VIEW, await this.letters.letter(id, actor, query.lang));
  }
}
