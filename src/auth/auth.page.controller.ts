import { allLocales } from '../common/i18n/i18n';
import { Body, Controller, Get, HttpCode, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { handlePageForm } from '../common/forms/page-form';
import { homeFor } from '../web/navigation';
import { AnyRole, Public, ThrottleGroup } from '../common/auth/auth.decorators';
import { AuthService } from './auth.service';

/** Only same-site paths are followed after sign-in, never another host. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])[\w\-/?=&%.]*$/.test(next) ? next : undefined;

@ApiExcludeController()
@Controller()
export class AuthPageController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('login')
  @Render('auth/login')
  loginPage(@Query('next') next?: string, @Query('timeout') timeout?: string) {
    return {
      title: 'Sign in',
      supportLanguages: allLocales(),
      next: safeNext(next),
      flash: timeout
        ? { kind: 'important', message: 'You were signed out because you were inactive.' }
        : undefined,
    };
  }

  @Public()
  @ThrottleGroup('login')
  @Post('login')
  async login(
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const totp = typeof body.totp === 'string' && body.totp.trim() ? body.totp.trim() : undefined;
    const next = safeNext(body.next);
    await handlePageForm(req, res, {
      check: () => [
        ...(email ? [] : [{ field: 'email', message: 'Enter your email address' }]),
        ...(password ? [] : [{ field: 'password', message: 'Enter your password' }]),
      ],
      act: async () => {
        const user = await this.auth.verifyCredentials(email, password, req.ip ?? 'unknown', totp);
        // passport regenerates the session on login, so a planted session id is useless afterwards.
        await new Promise<void>((resolve, reject) =>
          req.login(user, (err) => (err ? reject(err) : resolve())),
        );
        return user;
      },
      refusal: (e) => [
        { field: e.code === 'totp_required' ? 'totp' : 'email', message: e.message },
      ],
      redirect: (user) => next ?? homeFor(user.role),
      view: 'auth/login',
      model: () => ({ title: 'Sign in', supportLanguages: allLocales(), next }),
      // Never the password.
      values: { email },
    });
  }

  @Public()
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await new Promise<void>((resolve) => req.logout(() => resolve()));
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('linkway.sid');
    res.redirect(303, '/login');
  }

  /** Called by the session timeout warning's "stay signed in": touching the session renews it. */
  @AnyRole()
  @Get('session/keepalive')
  @HttpCode(204)
  keepalive(): void {}
}
