import { describe, expect, it } from '@jest/globals';
import {
  compileReleases,
  mergeObject,
  mergeValue,
  type JsonObject,
} from '../../../src/ocds/merge.js';

const OCID = 'ocds-soczak-1';

function release(seq: number, date: string, body: JsonObject): JsonObject {
  return { ocid: OCID, id: `${OCID}-${seq}`, date, tag: ['tender'], ...body };
}

describe('mergeValue', () => {
  it('merges objects key by key when both releases state the object', () => {
    expect(
      mergeObject(
        { tender: { id: 't', title: 'Old', status: 'planning' } },
        { tender: { status: 'active', value: { amount: 10, currency: 'KGS' } } },
      ),
    ).toEqual({
      tender: {
        id: 't',
        title: 'Old',
        status: 'active',
        value: { amount: 10, currency: 'KGS' },
      },
    });
  });

  it('removes a field when a later release sets it to null, at any depth', () => {
    expect(
      mergeObject(
        { tender: { title: 'T', enquiryPeriod: { startDate: 'a', endDate: 'b' } } },
        { tender: { title: null, enquiryPeriod: { endDate: null } } },
      ),
    ).toEqual({ tender: { enquiryPeriod: { startDate: 'a' } } });
    expect(mergeValue('kept', null)).toBeUndefined();
  });

  it('merges arrays of objects with ids by id, keeping order and appending new ids', () => {
    const merged = mergeValue(
      [
        { id: 'a', status: 'pending', value: { amount: 1 } },
        { id: 'b', status: 'pending' },
      ],
      [
        { id: 'b', status: 'unsuccessful' },
        { id: 'c', status: 'pending' },
        { id: 'a', status: 'active' },
      ],
    );
    expect(merged).toEqual([
      { id: 'a', status: 'active', value: { amount: 1 } },
      { id: 'b', status: 'unsuccessful' },
      { id: 'c', status: 'pending' },
    ]);
  });

  it('tells numeric and string ids apart, as the reference implementation does', () => {
    expect(mergeValue([{ id: 1, x: 1 }], [{ id: '1', x: 2 }])).toEqual([
      { id: 1, x: 1 },
      { id: '1', x: 2 },
    ]);
  });

  it('replaces arrays of strings, arrays of objects without ids and empty arrays whole', () => {
    expect(mergeValue(['planning'], ['tender'])).toEqual(['tender']);
    expect(mergeValue([{ id: 'a' }], [{ name: 'no id' }])).toEqual([{ name: 'no id' }]);
    expect(mergeValue([{ id: 'a' }], [])).toEqual([]);
    expect(mergeValue([{ id: 'a' }], [{ id: 'b' }, { name: 'mixed' }])).toEqual([
      { id: 'b' },
      { name: 'mixed' },
    ]);
  });

  it('replaces the schema’s whole-list fields although their items carry ids', () => {
    expect(
      mergeValue([{ id: 'x', scheme: 'A' }], [{ id: 'y', scheme: 'B' }], 'additionalIdentifiers'),
    ).toEqual([{ id: 'y', scheme: 'B' }]);
  });

  it('merges objects inside id-merged arrays recursively, with nulls removing fields', () => {
    const merged = mergeValue(
      [{ id: 'c', implementation: { milestones: [{ id: 'm1', status: 'scheduled', x: 1 }] } }],
      [{ id: 'c', implementation: { milestones: [{ id: 'm1', status: 'met', x: null }] } }],
    );
    expect(merged).toEqual([
      { id: 'c', implementation: { milestones: [{ id: 'm1', status: 'met' }] } },
    ]);
  });

  it('drops nulls inside a value that appears for the first time', () => {
    expect(mergeObject({}, { tender: { id: 't', title: null } })).toEqual({ tender: { id: 't' } });
    expect(mergeValue(undefined, [{ id: 'a', gone: null }])).toEqual([{ id: 'a' }]);
  });

  it('changes neither of its inputs', () => {
    const previous = { tender: { id: 't', lots: [{ id: 'l', status: 'active' }] } };
    const next = { tender: { lots: [{ id: 'l', status: 'complete' }] } };
    const copies = JSON.stringify([previous, next]);
    mergeObject(previous, next);
    expect(JSON.stringify([previous, next])).toBe(copies);
  });
});

describe('compileReleases', () => {
  it('compiles releases oldest first into the latest state, tagged compiled and dated last', () => {
    const compiled = compileReleases([
      release(1, '2026-01-01T00:00:00.000Z', {
        tender: { id: 't', status: 'planning', title: 'Draft title' },
        parties: [{ id: 'buyer', name: 'Ministry', roles: ['buyer'] }],
      }),
      release(2, '2026-02-01T00:00:00.000Z', {
        tender: { id: 't', status: 'active' },
        parties: [{ id: 'ngo', name: 'NGO', roles: ['tenderer'] }],
        awards: [{ id: 'a1', status: 'pending' }],
      }),
      release(3, '2026-03-01T00:00:00.000Z', {
        tender: { status: 'complete' },
        awards: [{ id: 'a1', status: 'active' }],
        parties: [{ id: 'ngo', roles: ['tenderer', 'supplier'] }],
      }),
    ]);
    expect(compiled).toEqual({
      ocid: OCID,
      id: `${OCID}-2026-03-01T00:00:00.000Z`,
      date: '2026-03-01T00:00:00.000Z',
      tag: ['compiled'],
      tender: { id: 't', status: 'complete', title: 'Draft title' },
      parties: [
        { id: 'buyer', name: 'Ministry', roles: ['buyer'] },
        { id: 'ngo', name: 'NGO', roles: ['tenderer', 'supplier'] },
      ],
      awards: [{ id: 'a1', status: 'active' }],
    });
  });

  it('refuses no releases, and releases of two processes', () => {
    expect(() => compileReleases([])).toThrow(RangeError);
    expect(() =>
      compileReleases([
        release(1, '2026-01-01T00:00:00.000Z', {}),
        { ...release(2, '2026-01-02T00:00:00.000Z', {}), ocid: 'ocds-soczak-2' },
      ]),
    ).toThrow(/more than one ocid/);
  });
});
