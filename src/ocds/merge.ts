/**
 * The OCDS 1.1 merge routine, pure: releases of one contracting process, oldest first, compile
 * into the latest value of every field. Objects merge key by key; an array of objects that all
 * carry an `id` merges item by item on that id (new ids are appended in order of appearance);
 * any other array replaces the earlier one whole, as do the schema's `wholeListMerge` fields; a
 * null removes the field. The release's own `id`, `date` and `tag` are omitted when merged.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Release fields marked omitWhenMerged in the 1.1.5 release schema. */
const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag']);

/** Arrays of objects with an `id` that the 1.1.5 schema still replaces whole. */
const WHOLE_LIST_MERGE = new Set(['additionalIdentifiers', 'additionalClassifications']);

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(item: JsonValue): string | null {
  if (!isObject(item)) return null;
  const id = item.id;
  // 1 and "1" are different identifiers, as in the reference implementation.
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${id}`;
  return null;
}

/** A non-empty array whose every item is an object with a string or number `id`. */
function isIdentifiedList(value: JsonValue | undefined): value is JsonObject[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => idOf(item) !== null);
}

function mergeById(previous: readonly JsonObject[], next: readonly JsonObject[]): JsonObject[] {
  const merged = new Map<string, JsonObject>();
  for (const item of [...previous, ...next]) {
    const id = idOf(item) as string;
    merged.set(id, mergeObject(merged.get(id) ?? {}, item));
  }
  return [...merged.values()];
}

/**
 * `next` merged onto `previous` (either may be absent); undefined means the field is removed.
 * `field` is the key the value stands under, for the fields merged as whole lists.
 */
export function mergeValue(
  previous: JsonValue | undefined,
  next: JsonValue,
  field?: string,
): JsonValue | undefined {
  if (next === null) return undefined;
  if (isObject(next)) return mergeObject(isObject(previous) ? previous : {}, next);
  if (isIdentifiedList(next) && !(field !== undefined && WHOLE_LIST_MERGE.has(field))) {
    return mergeById(isIdentifiedList(previous) ? previous : [], next);
  }
  if (Array.isArray(next)) return next.map(stripNulls);
  return next;
}

/** `next` merged key by key onto `previous`; neither is changed. */
export function mergeObject(previous: JsonObject, next: JsonObject): JsonObject {
  const merged: JsonObject = {};
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const result = Object.hasOwn(next, key)
      ? mergeValue(Object.hasOwn(previous, key) ? previous[key] : undefined, next[key], key)
      : previous[key];
    if (result !== undefined) merged[key] = result;
  }
  return merged;
}

/** A value as the first release to state it leaves it: nulls inside objects mean nothing. */
function stripNulls(value: JsonValue): JsonValue {
  if (isObject(value)) return mergeObject({}, value);
  if (Array.isArray(value)) return value.map(stripNulls);
  return value;
}

/**
 * The compiled release of one contracting process from its releases, oldest first: merged,
 * tagged `compiled`, dated with the latest release's date, and identified `<ocid>-<date>`.
 */
export function compileReleases(releases: readonly JsonObject[]): JsonObject {
  const latest = releases.at(-1);
  if (!latest) throw new RangeError('A compiled release needs at least one release');
  const { ocid, date } = latest;
  if (typeof ocid !== 'string' || typeof date !== 'string') {
    throw new RangeError('Releases must carry an ocid and a date');
  }
  if (releases.some((release) => release.ocid !== ocid)) {
    throw new RangeError(`Releases of more than one ocid cannot be compiled together`);
  }
  let compiled: JsonObject = {};
  for (const release of releases) {
    const merged = Object.fromEntries(
      Object.entries(release).filter(([key]) => !OMIT_WHEN_MERGED.has(key)),
    );
    compiled = mergeObject(compiled, merged);
  }
  return { ...compiled, ocid, id: `${ocid}-${date}`, date, tag: ['compiled'] };
}
