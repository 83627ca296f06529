import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { isValidTimeZone } from '../common/time-zone.js';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off'].includes(lowered)) return false;
  return value;
};
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

/**
 * Every variable the service reads, in one place, validated at start (immich habit). Anything
 * that is not listed here is not configuration.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(PROCESS_ROLES)
  ROLE: ProcessRole = 'all';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix of every BullMQ key, so that several deployments (or test runs) can share a Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'must be 1–50 letters, digits, - or _' })
  QUEUE_PREFIX = 'soczakaz';

  /**
   * The registered OCDS ocid prefix ("ocds-" and six letters or digits): every lot's contracting
   * process is published as `<prefix>-<lot id>`.
   */
  @Matches(/^ocds-[a-z0-9]{6}$/, {
    message: 'must be ocds- followed by 6 lowercase letters or digits',
  })
  OCDS_PREFIX = 'ocds-soczak';

  /** Where the embedded database and generated secrets live when no servers are configured. */
  @IsString()
  DATA_DIR = '.data';

  /** Where application documents are stored (by sha-256); defaults to DATA_DIR/documents. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DOCUMENTS_DIR?: string;

  /** The largest document an NGO may upload, in bytes. */
  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  /**
   * Each connection prepares the statements it repeats (external PostgreSQL only). Off behind a
   * pooler in transaction mode, where a connection's statements may reach another server session.
   */
  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_PREPARE_STATEMENTS = true;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(86400 * 7)
  JWT_TTL_SECONDS = 3600;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsEmail()
  MAIL_FROM = 'no-reply@soczakaz.local';

  @IsString()
  DEFAULT_TIME_ZONE = 'Asia/Bishkek';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_LIMIT = 5;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_TTL_SECONDS = 60;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL?: string;

  /** Attempts of one webhook delivery before it becomes a dead letter. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(25)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** First retry delay of a webhook delivery; each further retry waits twice as long. */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_BACKOFF_MS = 30_000;

  /**
   * How often a worker's relay looks for committed outbox rows to hand to the queues. Polled,
   * not NOTIFYed: PostgreSQL serialises the commits of every notifying transaction.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 100;
}

export class ConfigurationError extends Error {}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => {
    const value = error.value === undefined ? 'unset' : JSON.stringify(String(error.value));
    const reasons = Object.values(error.constraints ?? {}).join('; ');
    return [`${error.property} (${value}): ${reasons}`];
  });
}

/** Reads and validates the environment; throws one ConfigurationError naming every bad variable. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(Environment, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const raw = Object.fromEntries(Object.entries(source).filter(([key]) => known.has(key)));
  const environment = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const problems = describe(validateSync(environment, { forbidUnknownValues: false }));
  if (!isValidTimeZone(environment.DEFAULT_TIME_ZONE)) {
    problems.push(
      `DEFAULT_TIME_ZONE (${JSON.stringify(environment.DEFAULT_TIME_ZONE)}): must be an IANA time zone`,
    );
  }
  if (environment.NODE_ENV === 'production' && !environment.JWT_SECRET) {
    problems.push('JWT_SECRET (unset): required in production');
  }
  if (problems.length > 0) {
    throw new ConfigurationError(`Invalid configuration: ${problems.join(' | ')}`);
  }
  return environment;
}
