import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, invalid, notFound } from '../common/domain-error';
import { emitInTurn } from '../common/events/emit-in-turn';
import type { Role } from '../common/vocabulary';
import { OrganisationsService } from '../organisations/organisations.service';
import { ScopedTransactions, ALL_SERVICES } from '../services/scoped-transactions';
import { ServicesService } from '../services/services.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { AuthService } from './auth.service';
import { passwordProblem } from './password-policy';
import { PasswordService } from './password.service';
import { USER_SERVICE_CHANGING, type UserServiceChanging } from './users.events';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  organisationId?: string | null;
  caseloadLimit?: number;
  serviceId?: string;
  languages?: string[];
  serviceIds?: string[];
}

export interface UserChanges {
  name?: string;
  caseloadLimit?: number;
  serviceId?: string;
  languages?: string[];
  serviceIds?: string[];
}

export type PublicUser = Pick<
  User,
  'id' | 'email' | 'name' | 'role' | 'organisationId' | 'serviceId' | 'languages' | 'caseloadLimit'
> & {
  /** A commissioner's report services (empty: all). */
  serviceIds: string[];
  createdAt: string;
};

/** A link worker of a service, as assignment and suggestions need them. */
export interface ServiceLinkWorker {
  id: string;
  name: string;
  languages: string[];
  caseloadLimit: number;
}

const ROLES_NEEDING_ORGANISATION: readonly Role[] = ['group_coordinator', 'referrer'];
/** Roles that work inside one service. */
export const SERVICE_ROLES: readonly Role[] = ['link_worker', 'team_lead'];

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly organisations: OrganisationsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly services: ServicesService,
    private readonly events: EventEmitter2,
    private readonly scoped: ScopedTransactions,
  ) {}

  /** A new user whose password a person chose (an admin, or BOOTSTRAP_ADMIN_PASSWORD): the policy applies. */
  async create(input: NewUser, actor: AuthenticatedUser | null): Promise<PublicUser> {
    refuseWeakPassword('password', input.password, input);
    return this.insert(input, actor);
  }

  /**
   * A demo account with the demo password the README publishes. The password policy refuses that
   * password (it is published, and names the service), so the policy is not weakened for anyone:
   * only the demo seeding (DEMO_DATA, on an empty database) makes accounts this way.
   */
  createDemoUser(input: NewUser): Promise<PublicUser> {
    return this.insert(input, null);
  }

  private async insert(input: NewUser, actor: AuthenticatedUser | null): Promise<PublicUser> {
    const email = input.email.trim().toLowerCase();
    const serviceId = await this.serviceFor(input.role, input.serviceId);
    await this.checkReportServices(input.role, input.serviceIds);
    const organisationId = input.organisationId ?? null;
    if (ROLES_NEEDING_ORGANISATION.includes(input.role) && !organisationId) {
      throw invalid('organisation_required', `A ${input.role} must belong to an organisation`, [
        { field: 'organisationId', message: `is required for the ${input.role} role` },
      ]);
    }
    if (organisationId && !(await this.organisations.exists(organisationId))) {
      throw invalid('organisation_unknown', 'No such organisation', [
        { field: 'organisationId', message: 'does not name an existing organisation' },
      ]);
    }
    if (await this.users.exists({ where: { email } })) {
      throw conflict('email_taken', 'A user with this email address already exists');
    }
    const passwordHash = await this.passwords.hash(input.password);
    const user = await this.users.manager.transaction(async (em) => {
      const created = em.create(User, {
        email,
        name: input.name.trim(),
        role: input.role,
        organisationId,
        passwordHash,
        caseloadLimit: input.caseloadLimit ?? 40,
        serviceId,
        languages: [...new Set(input.languages ?? [])],
        reportServiceIds: [...new Set(input.serviceIds ?? [])],
      });
      try {
        await em.insert(User, created);
      } catch (e) {
        if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') {
          throw conflict('email_taken', 'A user with this email address already exists');
        }
        throw e;
      }
      await this.audit.record(
        { actorId: actor?.id ?? null, action: 'create', entity: 'user', entityId: created.id },
        em,
      );
      return created;
    });
    return toPublicUser(user);
  }

  /**
   * An admin's change to a user. Moving a link worker or team lead to another service takes
   * their sight of the old service's records at once, so it is refused (409) while they hold open
   * cases or assigned referrals there: reassign those first.
   */
  async update(id: string, changes: UserChanges, actor: AuthenticatedUser): Promise<PublicUser> {
    // The listeners look at the records the user holds in every service.
    return this.scoped.run(ALL_SERVICES, async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      if (changes.serviceId !== undefined && changes.serviceId !== user.serviceId) {
        const to = await this.serviceFor(user.role, changes.serviceId);
        if (user.serviceId && to) {
          const event: UserServiceChanging = {
            userId: user.id,
            fromServiceId: user.serviceId,
            toServiceId: to,
            em,
          };
          await emitInTurn(this.events, USER_SERVICE_CHANGING, event);
        }
        user.serviceId = to;
      }
      if (changes.serviceIds !== undefined) {
        await this.checkReportServices(user.role, changes.serviceIds);
        user.reportServiceIds = [...new Set(changes.serviceIds)];
      }
      if (changes.name !== undefined) user.name = changes.name.trim();
      if (changes.caseloadLimit !== undefined) user.caseloadLimit = changes.caseloadLimit;
      if (changes.languages !== undefined) user.languages = [...new Set(changes.languages)];
      await em.save(user);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'update',
          entity: 'user',
          entityId: user.id,
          detail: { fields: Object.keys(changes) },
        },
        em,
      );
      return toPublicUser(user);
    });
  }

  async get(id: string): Promise<PublicUser> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound('User');
    return toPublicUser(user);
  }

  /** Users by role and service; a link worker or team lead sees only their own service's. */
  async list(
    filter: { role?: Role; serviceId?: string } = {},
    actor?: AuthenticatedUser,
  ): Promise<PublicUser[]> {
    const where: FindOptionsWhere<User> = {};
    if (filter.role) where.role = filter.role;
    if (filter.serviceId) where.serviceId = filter.serviceId;
    if (actor && SERVICE_ROLES.includes(actor.role)) {
      if (!actor.serviceId || (filter.serviceId && filter.serviceId !== actor.serviceId)) return [];
      where.serviceId = actor.serviceId;
    }
    const users = await this.users.find({ where, order: { name: 'ASC' }, take: 1000 });
    return users.map(toPublicUser);
  }

  /** The active link workers of a service, for assignment and suggestions. */
  async linkWorkersOf(serviceId: string): Promise<ServiceLinkWorker[]> {
    const rows = await this.users.find({
      where: { serviceId, role: 'link_worker', deactivatedAt: IsNull() },
      order: { name: 'ASC' },
    });
    return rows.map((u) => ({
      id: u.id,
      name: u.name,
      languages: u.languages,
      caseloadLimit: u.caseloadLimit,
    }));
  }

  /** In the caller's transaction when given one (so it needs no second connection). */
  async findByIds(ids: string[], em?: EntityManager): Promise<PublicUser[]> {
    if (ids.length === 0) return [];
    const m = em ?? this.users.manager;
    return (await m.find(User, { where: { id: In(ids) } })).map(toPublicUser);
  }

  /** The active users of an organisation in a role (e.g. a group's coordinators). */
  async membersOf(organisationId: string, role: Role, em?: EntityManager): Promise<PublicUser[]> {
    const m = em ?? this.users.manager;
    const rows = await m.find(User, {
      where: { organisationId, role, deactivatedAt: IsNull() },
      order: { name: 'ASC' },
    });
    return rows.map(toPublicUser);
  }

  /** An active link worker's caseload limit and service; undefined when the id is not one. */
  async activeLinkWorker(
    id: string,
  ): Promise<{ caseloadLimit: number; serviceId: string | null } | undefined> {
    const user = await this.users.findOne({ where: { id, role: 'link_worker' } });
    return user && !user.deactivatedAt
      ? { caseloadLimit: user.caseloadLimit, serviceId: user.serviceId }
      : undefined;
  }

  async adminExists(): Promise<boolean> {
    return this.users.exists({ where: { role: 'admin' } });
  }

  async count(): Promise<number> {
    return this.users.count();
  }

  /** A wrong current password counts towards the account's sign-in lockout (429 after five). */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    clientAddress: string,
  ): Promise<void> {
    if (!(await this.auth.verifyCurrentPassword(userId, currentPassword, clientAddress))) {
      throw invalid('wrong_password', 'The current password is not correct', [
        { field: 'currentPassword', message: 'is not correct' },
      ]);
    }
    refuseWeakPassword('newPassword', newPassword, await this.get(userId));
    await this.users.update(
      { id: userId },
      { passwordHash: await this.passwords.hash(newPassword), passwordChangedAt: new Date() },
    );
    await this.auth.revokeEverything(userId);
    await this.audit.record({
      actorId: userId,
      action: 'change_password',
      entity: 'user',
      entityId: userId,
    });
  }

  /** A service role's service (the default when none is given); null for every other role. */
  private async serviceFor(role: Role, serviceId: string | undefined): Promise<string | null> {
    if (!SERVICE_ROLES.includes(role)) {
      if (serviceId) {
        throw invalid(
          'service_not_for_role',
          'Only link workers and team leads work in a service',
          [{ field: 'serviceId', message: 'is only for link workers and team leads' }],
        );
      }
      return null;
    }
    if (!serviceId) return this.services.defaultServiceId();
    await this.services.assertExist([serviceId], 'serviceId');
    return serviceId;
  }

  private async checkReportServices(role: Role, serviceIds: string[] | undefined): Promise<void> {
    if (!serviceIds?.length) return;
    if (role !== 'commissioner') {
      throw invalid('report_services_not_for_role', 'Only commissioners have report services', [
        { field: 'serviceIds', message: 'is only for commissioners' },
      ]);
    }
    await this.services.assertExist(serviceIds, 'serviceIds');
  }
}

function refuseWeakPassword(
  field: string,
  password: string,
  person: { email: string; name: string },
): void {
  const problem = passwordProblem(password, person);
  if (problem) {
    throw invalid('weak_password', `The password ${problem.replace(/\.$/, '')}`, [
      { field, message: problem },
    ]);
  }
}

function toPublicUser(u: User): PublicUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisationId: u.organisationId,
    serviceId: u.serviceId,
    languages: u.languages,
    caseloadLimit: u.caseloadLimit,
    serviceIds: u.reportServiceIds,
    createdAt: u.createdAt.toISOString(),
  };
}
