import { Controller, Get, Redirect, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { AnyRole, Public } from '../common/auth/auth.decorators';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { homeFor } from './navigation';

@ApiExcludeController()
@Controller()
export class HomePageController {
  @AnyRole()
  @Get()
  @Redirect('/login', 303)
  home(@Req() req: Request) {
    return { url: homeFor((req.user as AuthenticatedUser).role) };
  }

  @Public()
  @Get('accessibility')
  @Render('home/accessibility')
  accessibility() {
    return { title: 'Accessibility statement' };
  }

  @Public()
  @Get('privacy')
  @Render('home/privacy')
  privacy() {
    return { title: 'Privacy notice' };
  }
}
