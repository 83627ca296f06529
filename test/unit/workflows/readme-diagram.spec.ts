import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { toMermaid } from '../../../workflows/index.js';

describe('README lifecycle diagram', () => {
  it('is the generated kg-grant diagram (run npm run diagrams when this fails)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const embedded =
      /<!-- lifecycle:kg-grant -->\n+```mermaid\n([\s\S]*?)```\n+<!-- \/lifecycle -->/.exec(readme);
    expect(embedded?.[1]).toBe(toMermaid('kg-grant').replace(/\n?$/, '\n'));
  });
});
