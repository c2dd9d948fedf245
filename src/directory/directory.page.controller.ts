import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import {
  languageChoices,
  languageCodeFor,
  languageCodesFrom,
  languageSlots,
} from '../common/i18n/code-choices';
import { languageName } from '../common/validation/iso-codes';
import { humanLabel } from '../common/views/labels';
import { handlePageForm, validateForm } from '../common/forms/page-form';
import {
  ACCESS_ITEMS,
  ACTIVITY_ITEMS,
  dateFromParts,
  DELIVERY_ITEMS,
  filledSessionRows,
  groupFormErrors,
  groupFormValues,
  groupRows,
  INCIDENT_ITEMS,
  NEEDS_ITEMS,
  RECURRENCE_ITEMS,
  sessionRows,
  shapeGroupForm,
  text,
  TIME_WINDOW_ITEMS,
  WEEKDAY_ITEMS,
} from './directory-forms';
import { OrganisationsService } from '../organisations/organisations.service';
import { DirectoryService } from './directory.service';
import { INCIDENT_WORDS, SEARCH_WORDS } from './group-words';
import { canManageGroup } from './group-access';
import { GroupSearchService } from './group-search.service';
import { CreateGroupDto, ReportIncidentDto, SearchGroupsQuery, UpdateGroupDto } from './group.dto';
import { IncidentService } from './incident.service';
import type { GroupView } from './group.views';
import { ListingChangesService, type ListingChangeView } from './listing-changes.service';
import { ListingConfirmationService } from './listing-confirmation.service';
import { describeSession } from './schedule';

type FormBody = Record<string, unknown>;

const FILTERS = ['stepFree', 'childcare', 'womenOnly', 'travelSupport'] as const;

/** Directory search for link workers, group pages, and the coordinator's "my groups" editor. */
@ApiExcludeController()
@Controller()
export class DirectoryPageController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly search: GroupSearchService,
    private readonly incidents: IncidentService,
    private readonly confirmation: ListingConfirmationService,
    private readonly changes: ListingChangesService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Allow('link_worker', 'admin')
  @Get('directory')
  async directoryPage(
    @Query() raw: Record<string, string | string[] | undefined>,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    // A language may come typed by name ("Tigrinya"), as the list shows it, or as its code.
    const typedLanguage = text(raw.language);
    const language = typedLanguage ? (languageCodeFor(typedLanguage) ?? typedLanguage) : undefined;
    const shaped: FormBody = {
      ...Object.fromEntries(
        ['caseId', 'need', 'deliveryMode', 'near'].flatMap((k) =>
          text(raw[k]) ? [[k, text(raw[k])]] : [],
        ),
      ),
      ...(language ? { language } : {}),
      ...Object.fromEntries(FILTERS.filter((k) => raw[k] === 'true').map((k) => [k, true])),
      ...(raw.when ? { when: raw.when } : {}),
      ...(text(raw.day) ? { day: [text(raw.day)] } : {}),
      explain: raw.explain === 'true',
    };
    const { value, errors } = await validateForm(SearchGroupsQuery, shaped, SEARCH_WORDS);
    const values = { ...raw, ...(language ? { language } : {}) };
    const model = {
      title: 'Find a community group',
      values,
      needItems: [{ value: '', text: 'Any need' }, ...NEEDS_ITEMS],
      languageItems: [{ value: '', text: 'Any language' }, ...languageChoices()],
      deliveryItems: [{ value: '', text: 'Any' }, ...DELIVERY_ITEMS],
      accessItems: ACCESS_ITEMS.filter((i) => i.value !== 'interpreters').map((i) => ({
        text: i.text,
        name: i.value,
        value: 'true',
        checked: raw[i.value] === 'true',
      })),
      whenItems: TIME_WINDOW_ITEMS.map((i) => ({
        ...i,
        checked: ([] as unknown[]).concat(raw.when ?? []).includes(i.value),
      })),
      dayItems: [{ value: '', text: 'Any day' }, ...WEEKDAY_ITEMS],
      explainItems: [
        {
          value: 'true',
          text: 'Say why other groups were left out',
          checked: raw.explain === 'true',
        },
      ],
    };
    if (errors) {
      res.status(422).render('directory/search', { ...model, ...errors });
      return;
    }
    const result = await this.search.search(value, actor);
    res.render('directory/search', {
      ...model,
      result,
      results: result.items.map((g) => ({
        ...g,
        languageNames: g.languages.map((l) => languageName(l) ?? l).join(', '),
        needLabels: g.needsServed.map((c) => humanLabel(c)).join(', '),
        proximityText: PROXIMITY_TEXT[g.proximity],
        whenLines: [
          ...g.sessions.map(describeSession),
          ...(g.scheduleNotes ? [g.scheduleNotes] : []),
        ],
      })),
    });
  }

  @Allow('group_coordinator', 'admin')
  @Get('groups/mine')
  async mine(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const page = await this.directory.listGroups({ limit: 200 }, actor);
    res.render('directory/mine', { title: 'My groups', groups: page.items });
  }

  @Allow('group_coordinator', 'admin')
  @Get('groups/new')
  async newGroup(@CurrentUser() actor: AuthenticatedUser, @Res() res: Response): Promise<void> {
    res.render(
      'directory/edit',
      await this.formModel('Add a group', '/groups/new', { deliveryMode: 'in_person' }, actor),
    );
  }

  @Allow('group_coordinator', 'admin')
  @Post('groups/new')
  async createGroup(
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await handlePageForm(req, res, {
      dto: CreateGroupDto,
      shaped: {
        ...shapeGroupForm(body),
        ...(actor.role === 'admin' && text(body.organisationId)
          ? { organisationId: text(body.organisationId) }
          : {}),
      },
      fields: (errors) => groupFormErrors(errors, filledSessionRows(body)),
      act: (v) => this.directory.createGroup(v, actor),
      flash: (g) => `${g.name} was added. It can be offered once it has been vetted.`,
      redirect: (g) => `/groups/${g.id}`,
      view: 'directory/edit',
      model: () => this.formModel('Add a group', '/groups/new', body, actor),
    });
  }

  @Allow('group_coordinator', 'admin')
  @Get('groups/:id/edit')
  async editPage(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const g = await this.directory.getGroup(id, actor);
    // A coordinator carries on from the change they sent, if it is still waiting.
    const waiting =
      actor.role === 'admin' || !g.pendingChangeId
        ? null
        : await this.changes.one(id, g.pendingChangeId, actor);
    const values = waiting
      ? { ...g, ...Object.fromEntries(waiting.fields.map((f) => [f.field, f.after])) }
      : g;
    res.render('directory/edit', {
      ...(await this.formModel(
        `Change ${g.name}`,
        `/groups/${id}/edit`,
        groupFormValues(values),
        actor,
      )),
      group: g,
      waiting,
      moderated: actor.role !== 'admin',
    });
  }

  @Allow('group_coordinator', 'admin')
  @Post('groups/:id/edit')
  async edit(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await handlePageForm(req, res, {
      dto: UpdateGroupDto,
      shaped: shapeGroupForm(body),
      fields: (errors) => groupFormErrors(errors, filledSessionRows(body)),
      act: (v) => this.directory.updateGroup(id, v, actor),
      flash: (edit) =>
        'pending' in edit
          ? 'Your changes were sent to the vetting team. They will show in the directory once they are approved.'
          : actor.role === 'admin'
            ? 'The group’s details were saved.'
            : 'Nothing was changed: the details are the same as before.',
      redirect: `/groups/${id}`,
      view: 'directory/edit',
      model: async () => {
        const g = await this.directory.getGroup(id, actor);
        return {
          ...(await this.formModel(`Change ${g.name}`, `/groups/${id}/edit`, body, actor)),
          group: g,
          moderated: actor.role !== 'admin',
        };
      },
    });
  }

  @Allow('link_worker', 'group_coordinator', 'admin')
  @Get('groups/:id')
  async groupPage(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const g = await this.directory.getGroup(id, actor);
    res.render('directory/group', await this.groupModel(g, actor));
  }

  @Allow('group_coordinator', 'admin')
  @Post('groups/:id/confirm')
  async confirm(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await handlePageForm(req, res, {
      act: () => this.confirmation.confirm(id, actor),
      flash: (g) => `Thank you. The details of ${g.name} are confirmed as right.`,
      redirect: `/groups/${id}`,
      view: 'directory/group',
      model: async () => this.groupModel(await this.directory.getGroup(id, actor), actor),
    });
  }

  @Allow('link_worker', 'group_coordinator', 'admin')
  @Post('groups/:id/incidents')
  async reportIncident(
    @Param('id', UuidParam) id: string,
    @Body() body: FormBody,
    @CurrentUser() actor: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await handlePageForm(req, res, {
      dto: ReportIncidentDto,
      words: INCIDENT_WORDS,
      shaped: {
        type: body.type ?? '',
        description: body.description ?? '',
        occurredAt: dateFromParts(body, 'occurredAt'),
      },
      dateFields: ['occurredAt'],
      act: (v) => this.incidents.report(id, v, actor),
      flash: 'The concern was recorded and the vetting team can see it.',
      redirect: `/groups/${id}`,
      view: 'directory/group',
      model: async () => this.groupModel(await this.directory.getGroup(id, actor), actor),
    });
  }

  private async groupModel(g: GroupView, actor: AuthenticatedUser) {
    const canEdit = canManageGroup(actor, g);
    return {
      title: g.name,
      group: g,
      rows: groupRows(g),
      canEdit,
      // For its coordinators and admins: that a change is waiting, or why the last was turned down.
      changes: canEdit ? changesNotice(await this.changes.list(g.id, actor)) : null,
      isAdmin: actor.role === 'admin',
      incidentItems: INCIDENT_ITEMS,
      backHref:
        actor.role === 'group_coordinator'
          ? '/groups/mine'
          : actor.role === 'admin'
            ? '/admin/vetting'
            : '/directory',
    };
  }

  private async formModel(
    title: string,
    action: string,
    values: FormBody,
    actor: AuthenticatedUser,
  ) {
    // An admin adding a group chooses the organisation that runs it by name.
    const organisations =
      actor.role === 'admin' ? (await this.organisations.list({ limit: 200 })).items : [];
    return {
      organisationOptions: [
        { value: '', text: 'Choose an organisation' },
        ...organisations.map((o) => ({ value: o.id, text: o.name })),
      ],
      title,
      action,
      values,
      languageSlots: languageSlots('languages', languageCodesFrom(values.languages)),
      languageOptions: [{ value: '', text: 'Choose a language' }, ...languageChoices()],
      activityItems: ACTIVITY_ITEMS,
      needItems: NEEDS_ITEMS,
      deliveryItems: DELIVERY_ITEMS,
      accessItems: ACCESS_ITEMS,
      sessionRows: sessionRows(values),
      weekdayItems: [{ value: '', text: 'Choose a day' }, ...WEEKDAY_ITEMS],
      recurrenceItems: RECURRENCE_ITEMS,
    };
  }
}

/** The change still waiting, or else the last answer if it was a rejection. */
function changesNotice(changes: ListingChangeView[]) {
  const waiting = changes.find((c) => c.status === 'pending') ?? null;
  const answered = changes.find((c) => c.status === 'approved' || c.status === 'rejected');
  return {
    waiting,
    rejected: !waiting && answered?.status === 'rejected' ? answered : null,
  };
}

const PROXIMITY_TEXT = {
  same_district: 'Same postcode district',
  same_area: 'Same postcode area',
  further: 'Further away',
  unknown: '',
} as const;
