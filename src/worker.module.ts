import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from './config/environment.js';
import type { Runtime } from './config/runtime.js';
import { CoreModule } from './core.module.js';

/**
 * The background worker (ROLE=worker): no HTTP server. It migrates the schema like the API and
 * is where the deadline and notification processors are composed.
 */
@Module({})
export class WorkerModule {
  static forRoot(environment: Environment, runtime: Runtime): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(environment, runtime)] };
  }
}
