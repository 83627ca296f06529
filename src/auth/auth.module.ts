import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Environment } from '../config/environment.js';
import { Runtime } from '../config/runtime.js';
import { AccessGuard } from './access.guard.js';
import { AdminBootstrapService } from './admin-bootstrap.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [Runtime, Environment],
      useFactory: (runtime: Runtime, environment: Environment) => ({
        secret: runtime.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: environment.JWT_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, OrganisationsController, UsersController],
  providers: [
    AuthService,
    UsersService,
    OrganisationsService,
    AdminBootstrapService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
