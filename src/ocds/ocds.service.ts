import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReleaseTag } from '../../workflows/index.js';
import { Environment } from '../config/environment.js';
import { LotEffectHandlers } from '../lots/lot-facts.js';
import type { ReleaseQuery } from './dto/ocds.dto.js';
import { compileReleases, type JsonObject } from './merge.js';
import { OcdsRelease } from './ocds-release.entity.js';
import { ocdsError } from './ocds.errors.js';
import {
  recordPackage,
  releasePackage,
  type Publisher,
  type RecordPackage,
  type ReleasePackage,
} from './packages.js';
import { buildRelease, ocidOf } from './release-builder.js';
import { ReleaseFactsReader } from './release-facts.js';

/** Releases per page of the release packages a record links to. */
const RECORD_PAGE_SIZE = 100;

/**
 * OCDS publication: every `publishRelease` effect of a lot transition becomes an immutable
 * release, built from the database in the transition's own transaction (the lot already
 * changed, the listeners already ran), so the release and the change commit together. Serves
 * the releases as paged release packages and each process as a record with its compiled release.
 */
@Injectable()
export class OcdsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly effects: LotEffectHandlers,
    private readonly facts: ReleaseFactsReader,
    private readonly environment: Environment,
  ) {}

  onModuleInit(): void {
    // The engine holds the lot's lock while it carries out a transition's effects.
    this.effects.register('publishRelease', async ({ manager, lot, effect }) => {
      await this.publish(manager, lot.id, effect.tag, { locked: true });
    });
  }

  /**
   * Publishes a release of the lot as it stands in the caller's transaction, for changes that
   * are not transitions too (e.g. `implementation` when a report is accepted or a tranche paid).
   * Takes the lot's row lock unless the caller holds it (the engine does), so releases of one
   * process are numbered and dated in order. A lot that never published anything publishes no
   * cancellation: its draft was never public. Returns the release, or null when there is none.
   */
  async publish(
    manager: EntityManager,
    lotId: string,
    tag: ReleaseTag,
    { locked = false } = {},
  ): Promise<OcdsRelease | null> {
    if (!locked) await manager.query(`SELECT 1 FROM lots WHERE id = $1 FOR NO KEY UPDATE`, [lotId]);
    const ocid = ocidOf(this.environment.OCDS_PREFIX, lotId);
    const { previous, facts } = await this.facts.read(manager, lotId, ocid);
    if (previous.seq === 0 && tag === 'tenderCancellation') return null;
    const seq = previous.seq + 1;
    const id = `${ocid}-${seq}`;
    // Never before the previous release, whatever the clock did meanwhile.
    const date =
      previous.lastDate && previous.lastDate > previous.now ? previous.lastDate : previous.now;
    const release = buildRelease(facts, {
      ocid,
      id,
      date,
      tag: [tag],
      prefix: this.environment.OCDS_PREFIX,
      publicBaseUrl: this.publicBaseUrl(),
    });
    const row = manager.create(OcdsRelease, { id, ocid, lotId, seq, tag: [tag], date, release });
    // Plain SQL: it runs in most transitions, and the query builder costs more than the insert.
    await manager.query(
      `INSERT INTO ocds_releases (id, ocid, lot_id, seq, tag, date, release)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, ocid, lotId, seq, row.tag, date, JSON.stringify(release)],
    );
    return row;
  }

  /**
   * One page of releases, oldest first, as a release package: of one process, or of all,
   * within [since, until). Refused (404) for an ocid that published nothing.
   */
  async releases(query: ReleaseQuery, origin: string): Promise<ReleasePackage> {
    const since = this.instant(query.since, 'since');
    const until = this.instant(query.until, 'until');
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: string, parameter: unknown) => {
      parameters.push(parameter);
      conditions.push(condition.replace('?', `$${parameters.length}`));
    };
    if (query.ocid !== undefined) where('ocid = ?', query.ocid);
    if (since) where('date >= ?', since);
    if (until) where('date < ?', until);
    const filter = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const [{ total, now }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, now() AS now FROM ocds_releases ${filter}`,
      parameters,
    )) as [{ total: number; now: Date }];
    if (query.ocid !== undefined && total === 0 && !since && !until) {
      throw ocdsError.ocidNotFound(query.ocid);
    }
    const rows = (await this.dataSource.query(
      `SELECT release, date FROM ocds_releases ${filter}
       ORDER BY date, ocid, seq
       LIMIT ${query.pageSize} OFFSET ${query.offset}`,
      parameters,
    )) as { release: OcdsRelease['release']; date: Date }[];
    const base = this.baseUrl(origin);
    const pageUri = (page: number) =>
      `${base}/ocds/releases?${this.searchOf({ ...query, page }).toString()}`;
    const last = rows.at(-1);
    return releasePackage(
      {
        uri: pageUri(query.page),
        publishedDate: last ? last.date : now,
        publisher: this.publisher(),
      },
      rows.map((row) => row.release),
      {
        next: query.offset + rows.length < total ? pageUri(query.page + 1) : undefined,
        prev: query.page > 1 ? pageUri(query.page - 1) : undefined,
      },
    );
  }

  /** The record of one process: its releases, linked, and the compiled release. */
  async record(ocid: string, origin: string): Promise<RecordPackage> {
    const rows = await this.dataSource.getRepository(OcdsRelease).find({
      where: { ocid },
      order: { seq: 'ASC' },
    });
    const latest = rows.at(-1);
    if (!latest) throw ocdsError.ocidNotFound(ocid);
    const base = this.baseUrl(origin);
    // The release packages that hold these releases, as GET /ocds/releases pages them.
    const pageUri = (page: number) =>
      `${base}/ocds/releases?${new URLSearchParams({
        ocid,
        page: String(page),
        pageSize: String(RECORD_PAGE_SIZE),
      }).toString()}`;
    const pages = Math.ceil(rows.length / RECORD_PAGE_SIZE);
    return recordPackage(
      {
        uri: `${base}/ocds/records/${encodeURIComponent(ocid)}`,
        publishedDate: latest.date,
        publisher: this.publisher(),
      },
      Array.from({ length: pages }, (_, index) => pageUri(index + 1)),
      {
        ocid,
        releases: rows.map((row, index) => ({
          url: `${pageUri(Math.floor(index / RECORD_PAGE_SIZE) + 1)}#${row.id}`,
          date: row.date.toISOString(),
          tag: row.tag,
        })),
        compiledRelease: compileReleases(rows.map((row) => row.release as unknown as JsonObject)),
      },
    );
  }

  private instant(value: string | undefined, field: string): Date | null {
    if (value === undefined) return null;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw ocdsError.invalidDate(field);
    return date;
  }

  /** The query as a page's address states it: its filters, page and page size. */
  private searchOf(query: Omit<ReleaseQuery, 'offset'>): URLSearchParams {
    const search = new URLSearchParams();
    if (query.ocid !== undefined) search.set('ocid', query.ocid);
    if (query.since !== undefined) search.set('since', query.since);
    if (query.until !== undefined) search.set('until', query.until);
    search.set('page', String(query.page));
    search.set('pageSize', String(query.pageSize));
    return search;
  }

  private publicBaseUrl(): string | null {
    return this.environment.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? null;
  }

  /** Where the packages are served: the public address when configured, else the request's. */
  private baseUrl(origin: string): string {
    return this.publicBaseUrl() ?? origin;
  }

  private publisher(): Publisher {
    const uri = this.publicBaseUrl();
    return uri ? { name: 'Soczakaz', uri } : { name: 'Soczakaz' };
  }
}
