import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { pageLimit } from '../common/http/pagination';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { ListOutboxQuery, RetryMessageDto } from './notifications.dto';
import { OutboxService } from './outbox.service';

/** The outbox for administrators: what was sent, what failed, and sending a failed one again. */
@ApiTags('notifications')
@Allow('admin')
@Controller('api/notifications/outbox')
export class OutboxApiController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOkResponse({
    description:
      '{items:[{id, event, channel, status, attempts, createdAt, to (masked), …}], nextCursor}, newest first',
  })
  list(@Query() query: ListOutboxQuery) {
    return this.outbox.list({ ...query, limit: pageLimit(query) });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The message, queued again (409 unless it failed permanently)' })
  retry(
    @Param('id', UuidParam) id: string,
    @Body() body: RetryMessageDto,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    return this.outbox.retry(id, body ?? {}, actor);
  }
}
