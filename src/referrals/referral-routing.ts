import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { invalid } from '../common/domain-error';
import { OrganisationsService } from '../organisations/organisations.service';
import { ServicesService } from '../services/services.service';

export interface RoutingHints {
  /** A FHIR request's performer: the service it names by ODS code. */
  performerOdsCode?: string;
  /** The person's postcode, which routes a self-referral by its local authority. */
  postcode?: string | null;
}

/**
 * Which service a new referral goes to: the one a FHIR request names; a link worker's or team
 * lead's own; the referrer's organisation's; for a self-referral, the one covering the postcode's
 * local authority; otherwise the default service.
 */
@Injectable()
export class ReferralRouting {
  constructor(
    private readonly services: ServicesService,
    private readonly organisations: OrganisationsService,
  ) {}

  async serviceFor(actor: AuthenticatedUser | null, hints: RoutingHints = {}): Promise<string> {
    if (hints.performerOdsCode) {
      const named = await this.services.byOdsCode(hints.performerOdsCode);
      if (!named) {
        throw invalid('service_unknown', 'No service has this ODS code', [
          { field: 'performer', message: `no service has the ODS code ${hints.performerOdsCode}` },
        ]);
      }
      return named;
    }
    if (actor?.serviceId && (actor.role === 'link_worker' || actor.role === 'team_lead'))
      return actor.serviceId;
    if (actor?.organisationId) {
      const ofOrganisation = await this.organisations.serviceOf(actor.organisationId);
      if (ofOrganisation) return ofOrganisation;
    }
    if (!actor && hints.postcode) {
      const local = await this.services.forPostcode(hints.postcode);
      if (local) return local;
    }
    return this.services.defaultServiceId();
  }
}
