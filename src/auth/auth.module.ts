import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
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
        // A key object, not the string: jsonwebtoken would otherwise try to parse the string as
        // a public key on every verification (a costly failure) before using it as a secret.
        secret: createSecretKey(Buffer.from(runtime.jwtSecret, 'utf8')),
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
