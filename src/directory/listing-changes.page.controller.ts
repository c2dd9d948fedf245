import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { changeModel } from './directory-forms';
import { DirectoryService } from './directory.service';
import { ListingChangesService } from './listing-changes.service';

/** The changes sent for a group's details, with their answers: for its coordinators and admins. */
@ApiExcludeController()
@Controller('groups/:id/changes')
export class ListingChangesPageController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly changes: ListingChangesService,
  ) {}

  @Allow('group_coordinator', 'admin')
  @Get()
  async changesPage(
    @Param('id', UuidParam) id: string,
    @CurrentUser() actor: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const changes = await this.changes.list(id, actor);
    const group = await this.directory.getGroup(id, actor);
    res.render('directory/changes', {
      title: `Changes to ${group.name}`,
      group,
      changes: changes.map(changeModel),
    });
  }
}
