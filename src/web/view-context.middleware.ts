import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { takeFlash } from '../common/forms/flash';
import { navigationFor, ROLE_LABELS } from './navigation';

/**
 * The name of the service a link worker or team lead works in, for the header. The services
 * module provides it; web only declares what it needs, so it stays free of features.
 */
export interface ServiceNames {
  nameOf(serviceId: string): Promise<string | undefined>;
}

/**
 * What every page's layout needs: who is signed in (and the service they work in), their
 * navigation, the CSRF token, the timeout.
 */
export function viewContext(sessionIdleMinutes: number, serviceNames?: ServiceNames) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const user = req.user as AuthenticatedUser | undefined;
    if (user) {
      res.locals.currentUser = { ...user, roleLabel: ROLE_LABELS[user.role] };
      res.locals.nav = navigationFor(user.role, req.path);
      res.locals.sessionTimeoutSeconds = sessionIdleMinutes * 60;
      res.locals.sessionTimeoutMinutes = sessionIdleMinutes;
    }
    if (req.csrfToken) res.locals.csrfToken = req.csrfToken();
    const flash = takeFlash(req);
    if (flash) res.locals.flash = flash;
    saveSessionBeforeRedirect(req, res);
    if (!user?.serviceId || !serviceNames) return next();
    serviceNames.nameOf(user.serviceId).then((name) => {
      (res.locals.currentUser as { serviceName?: string }).serviceName = name;
      next();
    }, next);
  };
}

/**
 * express-session sends a response's headers before it has stored the session, so a browser can
 * follow a 303 and ask for the next page before the flash message set for it is saved. Store the
 * session first, then redirect.
 */
function saveSessionBeforeRedirect(req: Request, res: Response): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session) return redirect(...args);
    req.session.save(() => redirect(...args));
  }) as Response['redirect'];
}
