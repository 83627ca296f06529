import type { ReleaseTag } from '../../workflows/index.js';
import type { JsonObject } from './merge.js';
import type { Release } from './ocds-types.js';

/**
 * OCDS 1.1 release and record packages, pure: what wraps the published releases for
 * GET /ocds/releases and GET /ocds/records/{ocid}.
 */

export const OCDS_VERSION = '1.1';

/** The extensions every release uses: lots (one OCDS lot per process) and bids. */
export const OCDS_EXTENSIONS: readonly string[] = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
];

export interface Publisher {
  name: string;
  uri?: string;
}

interface PackageMetadata {
  uri: string;
  version: string;
  extensions: string[];
  /** The date of the latest release in it: the package is generated on demand. */
  publishedDate: string;
  publisher: Publisher;
}

export interface ReleasePackage extends PackageMetadata {
  releases: Release[];
  /** The neighbouring pages (OCDS pagination): absent on the first and on the last. */
  links?: { next?: string; prev?: string };
}

export interface LinkedRelease {
  url: string;
  date: string;
  tag: ReleaseTag[];
}

export interface OcdsRecord {
  ocid: string;
  releases: LinkedRelease[];
  compiledRelease: JsonObject;
}

export interface RecordPackage extends PackageMetadata {
  packages: string[];
  records: OcdsRecord[];
}

/** The release schema's order of a release's fields (jsonb returns keys in an order of its own). */
const RELEASE_FIELDS = [
  'ocid',
  'id',
  'date',
  'tag',
  'initiationType',
  'language',
  'parties',
  'buyer',
  'planning',
  'tender',
  'bids',
  'awards',
  'contracts',
  'relatedProcesses',
];

/** A release (or compiled release) with its top-level fields in the schema's order. */
export function inSchemaOrder<T extends object>(release: T): T {
  const rank = (key: string) => {
    const index = RELEASE_FIELDS.indexOf(key);
    return index === -1 ? RELEASE_FIELDS.length : index;
  };
  return Object.fromEntries(Object.entries(release).sort(([a], [b]) => rank(a) - rank(b))) as T;
}

export function releasePackage(
  metadata: { uri: string; publishedDate: Date; publisher: Publisher },
  releases: Release[],
  links: { next?: string; prev?: string },
): ReleasePackage {
  return {
    uri: metadata.uri,
    version: OCDS_VERSION,
    extensions: [...OCDS_EXTENSIONS],
    publishedDate: metadata.publishedDate.toISOString(),
    publisher: metadata.publisher,
    releases: releases.map(inSchemaOrder),
    ...(links.next || links.prev ? { links } : {}),
  };
}

export function recordPackage(
  metadata: { uri: string; publishedDate: Date; publisher: Publisher },
  packages: string[],
  record: OcdsRecord,
): RecordPackage {
  return {
    uri: metadata.uri,
    version: OCDS_VERSION,
    extensions: [...OCDS_EXTENSIONS],
    publishedDate: metadata.publishedDate.toISOString(),
    publisher: metadata.publisher,
    packages,
    records: [{ ...record, compiledRelease: inSchemaOrder(record.compiledRelease) }],
  };
}
