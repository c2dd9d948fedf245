import type { EntityManager } from 'typeorm';

/**
 * A link worker or team lead is about to move to another service, inside the admin's
 * transaction. Modules that hold work for them in the old service refuse (throw a conflict) while
 * any is open, so nobody is left holding records they can no longer see.
 */
export const USER_SERVICE_CHANGING = 'user.service-changing';

export interface UserServiceChanging {
  userId: string;
  fromServiceId: string;
  toServiceId: string;
  em: EntityManager;
}
