import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { toAuthenticatedUser, type AuthenticatedUser } from '../common/auth/authenticated-user';
import { User } from './user.entity';

type Done<T> = (err: Error | null, value?: T | false) => void;

/** Browser sessions store only the user id; the user is re-read on each request so deactivation bites at once. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {
    super();
  }

  serializeUser(user: AuthenticatedUser, done: Done<string>): void {
    done(null, user.id);
  }

  deserializeUser(id: string, done: Done<AuthenticatedUser>): void {
    this.users
      .findOne({ where: { id, deactivatedAt: IsNull() } })
      .then((u) => done(null, u ? toAuthenticatedUser(u) : false))
      .catch((e: Error) => done(e));
  }
}
