import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { RetryMessageDto } from './notifications.dto';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox-message.entity';
import { OutboxService, type OutboxItem } from './outbox.service';

const LIST_VIEW = 'notifications/outbox';
const DETAIL_VIEW = 'notifications/outbox-message';

export const STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed, will retry',
  permanent_failure: 'Failed permanently',
  held: 'Held for digest',
  digested: 'Sent in a digest',
  cancelled: 'Cancelled',
};
const STATUS_COLOURS: Record<OutboxStatus, string> = {
  queued: 'grey',
  sent: 'blue',
  delivered: 'green',
  failed: 'yellow',
  permanent_failure: 'red',
  held: 'grey',
  digested: 'green',
  cancelled: 'grey',
};

const actorOf = (req: Request) => req.user as AuthenticatedUser;
const shown = (m: OutboxItem) => ({
  ...m,
  statusLabel: STATUS_LABELS[m.status],
  statusColour: STATUS_COLOURS[m.status],
  channelLabel: m.channel === 'email' ? 'Email' : 'Text message',
});

/** The outbox for administrators: filter by status, look at a message, send a failed one again. */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/notifications')
export class OutboxPageController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  async list(
    @Query('status') status: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Res() res: Response,
  ) {
    const filter = (OUTBOX_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as OutboxStatus)
      : undefined;
    const page = await this.outbox.list({
      status: filter,
      limit: 50,
      cursor: cursor && /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? cursor : undefined,
    });
    res.render(LIST_VIEW, {
      title: 'Messages sent',
      items: page.items.map(shown),
      nextCursor: page.nextCursor,
      status: filter ?? '',
      statusItems: [
        { value: '', text: 'All' },
        ...OUTBOX_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s] })),
      ],
    });
  }

  @Get(':id')
  async show(@Param('id', UuidParam) id: string, @Res() res: Response) {
    res.render(DETAIL_VIEW, await this.detailModel(id));
  }

  @Post(':id/retry')
  async retry(
    @Param('id', UuidParam) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const address = typeof body.address === 'string' ? body.address.trim() : '';
    await handlePageForm(req, res, {
      dto: RetryMessageDto,
      shaped: address ? { address } : {},
      act: (v) => this.outbox.retry(id, v, actorOf(req)),
      flash: { message: 'The message is queued to be sent again.', kind: 'success' },
      redirect: `/admin/notifications/${id}`,
      view: DETAIL_VIEW,
      model: () => this.detailModel(id),
    });
  }

  private async detailModel(id: string) {
    const m = shown(await this.outbox.get(id));
    return {
      title: 'Message',
      m,
      canRetry: m.status === 'permanent_failure',
      addressHint:
        m.channel === 'email'
          ? 'Leave it empty to send to the same address. For example, name@example.org'
          : 'Leave it empty to send to the same number. A UK mobile number, for example 07700 900123',
    };
  }
}
