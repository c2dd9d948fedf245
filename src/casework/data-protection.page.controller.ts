import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { handlePageForm, shownErrors } from '../common/forms/page-form';
import { humanLabel } from '../common/views/labels';
import { CaseworkService } from './casework.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUDIT_ROWS = 50;
const VIEW = 'admin/data-protection';

/**
 * Data-protection requests about one person (admin): who read or changed their records, a
 * download of everything held (as GET /api/people/:id/export) and erasure (as POST …/erase).
 */
@ApiExcludeController()
@Allow('admin')
@Controller('admin/data-protection')
export class DataProtectionPageController {
  constructor(
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async find(@Query('personId') personIdParam: unknown, @Res() res: Response): Promise<void> {
    const personId = typeof personIdParam === 'string' ? personIdParam.trim() : '';
    if (!personId) return res.render(VIEW, this.searchModel(personId));
    if (!UUID.test(personId)) {
      const message =
        'Enter the person’s ID as it appears on their case, like 3f2b6c1e-8d4a-4b7e-9c1d-2a5e7f9b0c3d';
      return res.status(422).render(VIEW, {
        ...this.searchModel(personId),
        ...shownErrors([{ field: 'personId', message }]),
      });
    }
    res.render(VIEW, await this.personModel(personId));
  }

  /** The subject access export as a JSON download; reading it is audited by casework. */
  @Get(':id/export')
  async export(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const exported = await this.casework.exportPerson(id, actor.id);
    res
      .type('application/json')
      .attachment(`linkway-person-${id}.json`)
      .set('Cache-Control', 'no-store')
      .send(JSON.stringify(exported, null, 2));
  }

  @Post(':id/erase')
  async erase(
    @Param('id', UuidParam) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await handlePageForm(req, res, {
      check: () =>
        body.confirm === 'yes'
          ? []
          : [{ field: 'confirm', message: 'Tick the box to confirm the erasure first' }],
      act: () => this.casework.erasePerson(id, actor.id),
      flash: 'The person’s identifying data was erased. Report counts are unchanged.',
      redirect: `/admin/data-protection?personId=${id}`,
      view: VIEW,
      model: () => this.personModel(id),
    });
  }

  private searchModel(personId: string) {
    return { title: 'Data-protection requests', values: { personId } };
  }

  /** Who read or changed the person's records, most recent first, and the erasure form. */
  private async personModel(personId: string) {
    const record = await this.casework.personRecordState(personId);
    const events = await this.audit.list({ subjectId: personId, limit: AUDIT_ROWS });
    const actors = await this.users.findByIds([
      ...new Set(events.items.flatMap((e) => (e.actorId ? [e.actorId] : []))),
    ]);
    const names = new Map(actors.map((u) => [u.id, u.name]));
    return {
      ...this.searchModel(personId),
      personId: personId.toLowerCase(),
      held: record.kind === 'held',
      erased: record.kind === 'held' && record.erased,
      merged: record.kind === 'merged' ? record : null,
      unknown: record.kind === 'unknown',
      events: events.items.map((e) => ({
        ...e,
        actionLabel: humanLabel(e.action),
        entityLabel: humanLabel(e.entity),
        actorName: e.actorId ? (names.get(e.actorId) ?? 'A removed user') : 'Linkway (automatic)',
      })),
      moreEvents: Boolean(events.nextCursor),
      confirmItems: [
        { value: 'yes', text: 'I have checked this is the right person and the request is valid' },
      ],
    };
  }
}
