import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../../src/app.module';
import { configureApp, createHttpAdapter } from '../../../src/app.setup';
import { AuthService } from '../../../src/auth/auth.service';
import { UsersService } from '../../../src/auth/users.service';
import type { Role } from '../../../src/common/vocabulary';
import { TEST_PASSWORD } from '../../support/test-app';

/**
 * Another Linkway app in this process, with its own connection pool, scheduler and event bus:
 * a second instance on a database of the test's choosing. Settings are read from the
 * environment at start, as production reads them.
 */
export class AppInstance {
  private constructor(readonly app: INestApplication) {}

  static async start(env: Record<string, string>): Promise<AppInstance> {
    Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication(createHttpAdapter(), { bodyParser: false });
    configureApp(app);
    await app.init();
    return new AppInstance(app);
  }

  get http(): TestAgent {
    return request(this.app.getHttpServer());
  }

  /** A user of the role with an API token (an Authorization header value). */
  async newUser(role: Role, organisationId?: string): Promise<{ id: string; auth: string }> {
    const user = await this.app.get(UsersService).create(
      {
        email: `${role}.${Math.random().toString(36).slice(2, 10)}@reliability.example`,
        name: `Reliability ${role}`,
        role,
        password: TEST_PASSWORD,
        organisationId,
      },
      null,
    );
    const { accessToken } = await this.app.get(AuthService).issueToken({ ...user });
    return { id: user.id, auth: `Bearer ${accessToken}` };
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
