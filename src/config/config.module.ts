import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Environment } from './environment.js';
import { Runtime } from './runtime.js';

/**
 * Provides the validated Environment and the Runtime (server URLs, secrets). main.ts builds
 * both before Nest starts, so that a bad value stops start-up with one line.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(environment: Environment, runtime: Runtime): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: Environment, useValue: environment },
        { provide: Runtime, useValue: runtime },
      ],
      exports: [Environment, Runtime],
    };
  }
}
