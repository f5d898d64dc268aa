/** True when an ISO date (YYYY-MM-DD) lies before today's date (in UTC). */
export function isExpired(expires: string | undefined, now: Date): boolean {
  if (expires === undefined) return false;
  return expires < now.toISOString().slice(0, 10);
}
