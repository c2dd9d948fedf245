import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { forbidden, invalid } from '../common/domain-error';
import { ServicesService } from '../services/services.service';
import { covers, onlyService, scopeOf, type ServiceScope } from '../services/scoped-transactions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which services a report covers: a commissioner limited to some services sees only theirs (and
 * 403 for any other), everyone else every service; `serviceId` narrows it to one. Row-level
 * security then keeps the report's statement to that scope.
 */
@Injectable()
export class ReportScope {
  constructor(private readonly services: ServicesService) {}

  async resolve(actor: AuthenticatedUser, serviceId: string | undefined): Promise<ServiceScope> {
    const allowed = scopeOf(actor);
    if (!serviceId) return allowed;
    if (!UUID.test(serviceId))
      throw invalid('service_unknown', 'No service has this id', [
        { field: 'serviceId', message: 'must be the id of a service' },
      ]);
    await this.services.assertExist([serviceId], 'serviceId');
    if (!covers(allowed, serviceId))
      throw forbidden('You may read reports of your own services only');
    return onlyService(serviceId);
  }
}
