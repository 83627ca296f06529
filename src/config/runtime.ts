/**
 * Where the servers are and which secrets are in force, once the embedded ones (if any) run.
 * main.ts builds it before Nest starts; the modules read it, never the environment.
 */
export class Runtime {
  constructor(
    readonly databaseUrl: string,
    readonly databasePoolSize: number,
    readonly databaseMode: 'external' | 'embedded',
    readonly redisUrl: string,
    readonly redisMode: 'external' | 'embedded',
    readonly jwtSecret: string,
  ) {}
}
