import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { FieldError } from '../common/domain-error';
import { UuidParam } from '../common/http/uuid-param.pipe';
import {
  languageChoices,
  languageCodeFor,
  languageCodesFrom,
  languageSlots,
} from '../common/i18n/code-choices';
import { languageName } from '../common/validation/iso-codes';
import { humanLabel } from '../common/views/labels';
import { handlePageForm, labelled, validateForm } from '../common/forms/page-form';
import {
  ACCESS_ITEMS,
  ACTIVITY_ITEMS,
  dateFromParts,
  DELIVERY_ITEMS,
  groupFormField,
  groupFormValues,
  groupRows,
  INCIDENT_ITEMS,
  NEEDS_ITEMS,
  shapeGroupForm,
  text,
} from './directory-forms';
import { OrganisationsService } from '../organisations/organisations.service';
import { DirectoryService } from './directory.service';
import { GROUP_WORDS, INCIDENT_WORDS, SEARCH_WORDS } from './group-words';
import { canManageGroup } from './group-access';
import { GroupSearchService } from './group-search.service';
import { CreateGroupDto, ReportIncidentDto, SearchGroupsQuery, UpdateGroupDto } from './group.dto';
import { IncidentService } from './incident.service';

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
    private readonly organisations: OrganisationsService,
  ) {}

  @Allow('link_worker', 'admin')
  @Get('directory')
  async directoryPage(
    @Query() raw: Record<string, string | undefined>,
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
      fields: onGroupControls,
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
    res.render('directory/edit', {
      ...(await this.formModel(
        `Change ${g.name}`,
        `/groups/${id}/edit`,
        groupFormValues(g),
        actor,
      )),
      group: g,
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
      fields: onGroupControls,
      act: (v) => this.directory.updateGroup(id, v, actor),
      flash: 'The group’s details were saved.',
      redirect: `/groups/${id}`,
      view: 'directory/edit',
      model: async () => {
        const g = await this.directory.getGroup(id, actor);
        return {
          ...(await this.formModel(`Change ${g.name}`, `/groups/${id}/edit`, body, actor)),
          group: g,
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
    res.render('directory/group', this.groupModel(g, actor));
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

  private groupModel(
    g: Awaited<ReturnType<DirectoryService['getGroup']>>,
    actor: AuthenticatedUser,
  ) {
    return {
      title: g.name,
      group: g,
      rows: groupRows(g),
      canEdit: canManageGroup(actor, g),
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
    };
  }
}

/** Errors on nested DTO fields (ageRange.max, accessibility.x) name the form's own controls. */
const onGroupControls = (errors: FieldError[]) =>
  errors.map((e) => {
    const field = groupFormField(e.field);
    return labelled({ ...e, field }, GROUP_WORDS);
  });

const PROXIMITY_TEXT = {
  same_district: 'Same postcode district',
  same_area: 'Same postcode area',
  further: 'Further away',
  unknown: '',
} as const;
