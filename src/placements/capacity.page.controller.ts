import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { handlePageForm } from '../common/forms/page-form';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { PlacementPortService } from '../directory/placement-port.service';
import { CapacityService } from './capacity.service';
import { SetCapacityDto } from './placement.dto';
import { CAPACITY_WORDS } from './placement-words';
import { actorOf, bool, int, str, YES_NO_BOOL, type Form } from './placement-forms';

const VIEW = 'placements/capacity';

/** A group's capacity settings, for its coordinators and admins. */
@ApiExcludeController()
@Allow('group_coordinator', 'admin')
@Controller('groups')
export class CapacityPageController {
  constructor(
    private readonly capacity: CapacityService,
    private readonly directory: PlacementPortService,
  ) {}

  @Get(':id/capacity')
  async capacityPage(
    @Param('id', UuidParam) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const model = await this.model(id, actorOf(req));
    const { current } = model;
    res.render(VIEW, {
      ...model,
      values: {
        places: current.places,
        weeklyIntakeLimit: current.weeklyIntakeLimit ?? '',
        waitlistEnabled: String(current.waitlistEnabled),
        intakePaused: String(current.intakePaused),
        offerExpiryDays: current.offerExpiryDays,
      },
    });
  }

  @Post(':id/capacity')
  async saveCapacity(
    @Param('id', UuidParam) id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const actor = actorOf(req);
    const weekly = str(body.weeklyIntakeLimit);
    await handlePageForm(req, res, {
      dto: SetCapacityDto,
      words: CAPACITY_WORDS,
      shaped: {
        places: int(str(body.places)),
        weeklyIntakeLimit: weekly === '' ? null : int(weekly),
        waitlistEnabled: bool(body.waitlistEnabled),
        intakePaused: bool(body.intakePaused),
        offerExpiryDays: int(str(body.offerExpiryDays)),
      },
      refusal: (e) => [{ field: 'places', message: e.message }],
      act: (v) => this.capacity.setCapacity(id, v, actor),
      flash: 'Capacity saved',
      redirect: `/groups/${id}/capacity`,
      view: VIEW,
      model: () => this.model(id, actor),
    });
  }

  private async model(groupId: string, actor: AuthenticatedUser) {
    const current = await this.capacity.getCapacity(groupId, actor);
    const names = await this.directory.groupNames([groupId]);
    return {
      title: `Capacity for ${names.get(groupId) ?? 'this group'}`,
      groupId,
      groupName: names.get(groupId) ?? 'this group',
      yesNo: YES_NO_BOOL,
      current,
    };
  }
}
