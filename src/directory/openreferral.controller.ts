import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { UuidParam } from '../common/http/uuid-param.pipe';
import { HsdsListQuery } from './openreferral.dto';
import { HSDS_VERSION, hsdsPage, ORUK_PROFILE, OpenReferralService } from './openreferral.service';

/** Open Referral UK (HSDS 3.1): public, no key, CORS open (see OpenReferralCors). */
@ApiTags('openreferral')
@Public()
@Controller('openreferral')
export class OpenReferralController {
  constructor(private readonly oruk: OpenReferralService) {}

  @Get()
  @ApiOkResponse({ description: 'API version and profile' })
  root() {
    return {
      version: HSDS_VERSION,
      profile: ORUK_PROFILE,
      openapi_url:
        'https://raw.githubusercontent.com/openreferral/specification/3.1/schema/openapi.json',
    };
  }

  @Get('services')
  async services(@Query() query: HsdsListQuery) {
    return hsdsPage(await this.oruk.services(query), query);
  }

  @Get('services/:id')
  service(@Param('id', UuidParam) id: string) {
    return this.oruk.service(id);
  }

  @Get('service_at_locations')
  async serviceAtLocations(@Query() query: HsdsListQuery) {
    return hsdsPage(await this.oruk.serviceAtLocations(query), query);
  }

  @Get('service_at_locations/:id')
  serviceAtLocation(@Param('id', UuidParam) id: string) {
    return this.oruk.serviceAtLocation(id);
  }

  @Get('organizations')
  async organizations(@Query() query: HsdsListQuery) {
    const all = await this.oruk.organizations(query);
    return hsdsPage(
      all.map(({ id, name, description }) => ({ id, name, description })),
      query,
    );
  }

  @Get('organizations/:id')
  organization(@Param('id', UuidParam) id: string) {
    return this.oruk.organization(id);
  }

  @Get('taxonomies')
  taxonomies(@Query() query: HsdsListQuery) {
    return hsdsPage(this.oruk.taxonomies(query), query);
  }

  @Get('taxonomies/:id')
  taxonomy(@Param('id', UuidParam) id: string) {
    return this.oruk.taxonomy(id);
  }

  @Get('taxonomy_terms')
  taxonomyTerms(@Query() query: HsdsListQuery) {
    return hsdsPage(this.oruk.taxonomyTerms(query), query);
  }

  @Get('taxonomy_terms/:id')
  taxonomyTerm(@Param('id', UuidParam) id: string) {
    return this.oruk.taxonomyTerm(id);
  }
}
