import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServicesModule } from '../services/services.module';
import { ApiToken } from './api-token.entity';
import { AuthApiController } from './auth.api.controller';
import { AuthPageController } from './auth.page.controller';
import { AuthService } from './auth.service';
import { BearerStrategy } from './bearer.strategy';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { LoginAttempt } from './login-attempt.entity';
import { PasswordService } from './password.service';
import { ServiceStaffModule } from './service-staff.module';
import { SessionSerializer } from './session.serializer';
import { TotpApiController } from './totp.api.controller';
import { TotpService } from './totp.service';
import { User } from './user.entity';
import { UsersApiController } from './users.api.controller';
import { UsersPageController } from './users.page.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, ApiToken, LoginAttempt]),
    PassportModule.register({ session: true }),
    OrganisationsModule,
    ServicesModule,
    ServiceStaffModule,
    AuditModule,
  ],
  controllers: [
    AuthApiController,
    UsersApiController,
    AuthPageController,
    TotpApiController,
    UsersPageController,
  ],
  providers: [
    AuthService,
    UsersService,
    PasswordService,
    BearerStrategy,
    SessionSerializer,
    BootstrapAdminService,
    TotpService,
  ],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
