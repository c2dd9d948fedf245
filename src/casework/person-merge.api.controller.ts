import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { mergeReviewView } from './person-merge.views';
import { keepChoices, MergePersonDto } from './person-merge.dto';
import { PersonMergeService } from './person-merge.service';

export class MergeReviewQuery {
  @ApiProperty({ format: 'uuid', description: 'The person the one at :id would be merged into' })
  @IsUUID('all', { message: 'must be a person id' })
  into: string;
}

/**
 * Duplicate people: review two side by side, merge one into the other, or record that they are
 * not the same person. An admin, or a link worker who holds a case of each; others get 404.
 */
@ApiTags('people')
@Allow('admin', 'link_worker')
@Controller('api/people/:id')
export class PersonMergeApiController {
  constructor(private readonly merges: PersonMergeService) {}

  @Get('merge-review')
  @ApiOkResponse({ description: 'Both people side by side, with the fields they disagree on' })
  async review(
    @Param('id', UuidParam) id: string,
    @Query() query: MergeReviewQuery,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return mergeReviewView(await this.merges.review(id, query.into, actor));
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Merged: the person at :id now answers 404' })
  merge(
    @Param('id', UuidParam) id: string,
    @Body() dto: MergePersonDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.merges.merge(id, dto.intoPersonId, keepChoices(dto.keep), actor);
  }

  @Post('duplicates/:otherPersonId/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The two are not the same person; the flag stops showing' })
  dismiss(
    @Param('id', UuidParam) id: string,
    @Param('otherPersonId', UuidParam) otherId: string,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.merges.dismissDuplicate(id, otherId, actor);
  }
}
