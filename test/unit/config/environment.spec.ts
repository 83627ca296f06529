import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadEnvironment } from '../../../src/config/environment.js';

describe('loadEnvironment', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const environment = loadEnvironment({});
    expect(environment).toMatchObject({
      ROLE: 'all',
      PORT: 3000,
      MIGRATIONS_RUN: true,
      DEFAULT_TIME_ZONE: 'Asia/Bishkek',
      DATA_DIR: '.data',
    });
    expect(environment.DATABASE_URL).toBeUndefined();
    expect(environment.REDIS_URL).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const environment = loadEnvironment({ PORT: '8080', MIGRATIONS_RUN: 'false', ROLE: 'worker' });
    expect(environment).toMatchObject({ PORT: 8080, MIGRATIONS_RUN: false, ROLE: 'worker' });
  });

  it('names every malformed variable in one line when values are wrong', () => {
    const load = () =>
      loadEnvironment({
        PORT: 'eighty',
        ROLE: 'scheduler',
        DATABASE_URL: 'mysql://localhost/x',
        DEFAULT_TIME_ZONE: 'Asia/Frunze-Typo',
        JWT_SECRET: 'short',
      });
    expect(load).toThrow(ConfigurationError);
    let message = '';
    try {
      load();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    for (const name of ['PORT', 'ROLE', 'DATABASE_URL', 'DEFAULT_TIME_ZONE', 'JWT_SECRET']) {
      expect(message).toContain(name);
    }
  });

  it('requires a JWT secret in production', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('ignores variables it does not know', () => {
    const environment = loadEnvironment({ PATH: '/usr/bin', npm_config_cache: '/tmp' });
    expect(Object.keys(environment)).not.toContain('PATH');
  });
});
