import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, invalid, notFound } from '../common/domain-error';
import type { Role } from '../common/vocabulary';
import { OrganisationsService } from '../organisations/organisations.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { AuthService } from './auth.service';
import { passwordProblem } from './password-policy';
import { PasswordService } from './password.service';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  organisationId?: string | null;
  caseloadLimit?: number;
}

export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'organisationId'> & {
  createdAt: string;
};

const ROLES_NEEDING_ORGANISATION: readonly Role[] = ['group_coordinator', 'referrer'];

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly organisations: OrganisationsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
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

  async get(id: string): Promise<PublicUser> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound('User');
    return toPublicUser(user);
  }

  async list(filter: { role?: Role } = {}): Promise<PublicUser[]> {
    const users = await this.users.find({
      where: filter.role ? { role: filter.role } : {},
      order: { name: 'ASC' },
      take: 1000,
    });
    return users.map(toPublicUser);
  }

  async findByIds(ids: string[]): Promise<PublicUser[]> {
    if (ids.length === 0) return [];
    return (await this.users.find({ where: { id: In(ids) } })).map(toPublicUser);
  }

  /** A link worker's limit on open cases; undefined when the id is not an active link worker. */
  async linkWorkerCaseloadLimit(id: string): Promise<number | undefined> {
    const user = await this.users.findOne({ where: { id, role: 'link_worker' } });
    return user && !user.deactivatedAt ? user.caseloadLimit : undefined;
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
    createdAt: u.createdAt.toISOString(),
  };
}
