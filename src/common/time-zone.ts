/** True when the runtime knows the IANA zone (e.g. Asia/Bishkek, Europe/Kyiv). */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
