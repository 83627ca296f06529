import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Environment } from '../config/environment.js';

/**
 * The file types an application may carry, each with the bytes its files start with, so that a
 * renamed executable is refused whatever its declared type. Office formats are ZIP (OOXML, ODF)
 * or OLE2 (legacy .doc/.xls) containers.
 */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const DOCUMENT_TYPES: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/vnd.oasis.opendocument.text': ZIP,
  'application/vnd.oasis.opendocument.spreadsheet': ZIP,
  'application/msword': OLE2,
  'application/vnd.ms-excel': OLE2,
};

/** Whether the bytes are what the declared type says: a known type and its signature. */
export function contentMatchesType(mimeType: string, bytes: Buffer): boolean {
  const signature = DOCUMENT_TYPES[mimeType];
  if (!signature || bytes.length < signature.length) return false;
  return signature.every((byte, index) => bytes[index] === byte);
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Documents on the local disk, addressed by their sha-256: the same file uploaded twice is
 * stored once, and a stored file can never change under its hash.
 */
@Injectable()
export class DocumentStore {
  readonly root: string;

  constructor(environment: Environment) {
    this.root = resolve(environment.DOCUMENTS_DIR ?? join(environment.DATA_DIR, 'documents'));
  }

  /** Writes the bytes (atomically: a temporary file renamed into place) and returns their hash. */
  async put(bytes: Buffer): Promise<string> {
    const hash = sha256Of(bytes);
    const path = this.pathOf(hash);
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    // Unique per call: two uploads of the same bytes at once must not share a temporary file.
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    return readFile(this.pathOf(hash));
  }

  /** Removes a file no row refers to any more (the caller checks that). */
  async remove(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }

  private pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`Not a sha-256: ${hash}`);
    return join(this.root, hash.slice(0, 2), hash);
  }
}
