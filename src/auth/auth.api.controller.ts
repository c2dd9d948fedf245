import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { AnyRole, CurrentUser, Public, ThrottleGroup } from '../common/auth/auth.decorators';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { AuthService, type IssuedToken } from './auth.service';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('api')
export class AuthApiController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @ThrottleGroup('login')
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A bearer token' })
  @ApiUnauthorizedResponse({
    description:
      'Wrong email or password (invalid_credentials), or a missing or wrong authenticator code for an account with TOTP (totp_required)',
  })
  @ApiTooManyRequestsResponse({
    description:
      'Five failures for this account within 15 minutes, or too many attempts from this client',
  })
  async login(@Body() body: LoginDto, @Req() req: Request): Promise<IssuedToken> {
    const user = await this.auth.verifyCredentials(
      body.email,
      body.password,
      req.ip ?? 'unknown',
      body.totp,
    );
    return this.auth.issueToken(user);
  }

  @AnyRole()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token no longer works' })
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    if (user.tokenId) await this.auth.revokeToken(user.tokenId);
  }

  @AnyRole()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      organisationId: user.organisationId,
      serviceId: user.serviceId,
    };
  }

  @AnyRole()
  @ThrottleGroup('login')
  @Put('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Password changed; every token and session of this user is revoked',
  })
  @ApiTooManyRequestsResponse({
    description: 'Five wrong passwords for this account within 15 minutes (sign-in or here)',
  })
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.users.changePassword(
      user.id,
      body.currentPassword,
      body.newPassword,
      req.ip ?? 'unknown',
    );
  }
}
