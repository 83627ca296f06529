/** The fields that are set: a PATCH body's undefined fields mean "leave as is". */
export function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
