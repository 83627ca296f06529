import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import type { Environment } from './config/environment.js';
import type { Runtime } from './config/runtime.js';
import { CoreModule } from './core.module.js';
import { HealthModule } from './health/health.module.js';
import { LotsModule } from './lots/lots.module.js';
import { ProgrammesModule } from './programmes/programmes.module.js';

/** The HTTP API (ROLE=api, or ROLE=all together with the worker's modules). */
@Module({})
export class AppModule {
  static forRoot(environment: Environment, runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(environment, runtime),
        AuthModule,
        HealthModule,
        LotsModule,
        ProgrammesModule,
      ],
    };
  }
}
