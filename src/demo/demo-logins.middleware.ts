import type { NextFunction, Request, Response } from 'express';
import { DEMO_PASSWORD, DEMO_USERS, demoServiceName } from './demo-logins';

/** On a demo system, the sign-in page lists the demo accounts so a newcomer can try each role. */
export function showDemoLogins(_req: Request, res: Response, next: NextFunction): void {
  res.locals.demoLogins = {
    password: DEMO_PASSWORD,
    users: DEMO_USERS.map((u) => ({
      email: u.email,
      name: u.name,
      role: u.role,
      service: demoServiceName(u),
    })),
  };
  next();
}
