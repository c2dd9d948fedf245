import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * The calendar feed a phone or Outlook subscribes to. Calendar apps cannot sign in, so the
 * secret in the address is the credential (revocable on the calendar feed page).
 */
@ApiTags('working day')
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Public()
  @Get(':token.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="linkway.ics"')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description:
      'RFC 5545 iCalendar of the owner’s appointments from 30 days ago on: each event carries only the case reference and the place',
  })
  feed(@Param('token') token: string): Promise<string> {
    return this.feeds.calendar(token);
  }
}
