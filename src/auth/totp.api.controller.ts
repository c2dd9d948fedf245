import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow, CurrentUser } from '../common/auth/auth.decorators';
import { TotpCodeDto } from './auth.dto';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { TotpService, type TotpEnrolment } from './totp.service';

@ApiTags('auth')
@Controller('api/me/totp')
export class TotpApiController {
  constructor(private readonly totp: TotpService) {}

  @Allow('admin')
  @Post()
  @ApiCreatedResponse({
    description: 'A new authenticator secret and its otpauth:// URI; confirm it to turn TOTP on',
  })
  @ApiConflictResponse({ description: 'An authenticator is already set up (totp_already_enabled)' })
  begin(@CurrentUser() actor: AuthenticatedUser): Promise<TotpEnrolment> {
    return this.totp.begin(actor);
  }

  @Allow('admin')
  @Post('confirm')
  @HttpCode(200)
  @ApiOkResponse({ description: 'TOTP is on: signing in now needs a code' })
  @ApiUnprocessableEntityResponse({ description: 'The code is not current (totp_code_invalid)' })
  @ApiConflictResponse({ description: 'No enrolment started, or TOTP already on' })
  confirm(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() body: TotpCodeDto,
  ): Promise<{ enabledAt: string }> {
    return this.totp.confirm(actor, body.code);
  }
}
