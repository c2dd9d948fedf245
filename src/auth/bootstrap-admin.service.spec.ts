import { invalid } from '../common/domain-error';
import { ConfigurationError } from '../config/environment';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { passwordProblem } from './password-policy';
import type { UsersService } from './users.service';

/** The users service as far as bootstrapping uses it, with the real password policy. */
function usersWithPolicy(): { service: UsersService; created: string[] } {
  const created: string[] = [];
  const service = {
    adminExists: () => Promise.resolve(false),
    create: (input: { email: string; name: string; password: string }) => {
      const problem = passwordProblem(input.password, input);
      if (problem) {
        return Promise.reject(
          invalid('weak_password', problem, [{ field: 'password', message: problem }]),
        );
      }
      created.push(input.email);
      return Promise.resolve({});
    },
  } as unknown as UsersService;
  return { service, created };
}

const bootstrap = (users: UsersService, password: string) =>
  new BootstrapAdminService(users, {
    bootstrapAdmin: { email: 'first.admin@council.example', password },
  } as never).onApplicationBootstrap();

describe('BootstrapAdminService', () => {
  it('stops the start, naming BOOTSTRAP_ADMIN_PASSWORD, when the password chosen is easy to guess', async () => {
    const { service, created } = usersWithPolicy();
    const attempt = bootstrap(service, 'passwordpassword');
    await expect(attempt).rejects.toThrow(ConfigurationError);
    await expect(attempt).rejects.toThrow(/BOOTSTRAP_ADMIN_PASSWORD: is too easy to guess/);
    expect(created).toEqual([]);
  });

  it('creates the admin with a strong password', async () => {
    const { service, created } = usersWithPolicy();
    await bootstrap(service, 'plum orchard lantern voyage');
    expect(created).toEqual(['first.admin@council.example']);
  });
});
