import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { TEST_PASSWORD, type TestContext, type TestUser } from './test-app';

/** The CSRF token of the first form on a page. */
export const csrfOf = (html: string): string =>
  /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A supertest agent holding a browser session (cookie) for the user, signed in through /login. */
export async function signInAgent(ctx: TestContext, user: TestUser): Promise<TestAgent> {
  const agent = request.agent(ctx.app.getHttpServer());
  const page = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email: user.email, password: TEST_PASSWORD })
    .expect(303);
  return agent;
}
