/**
 * Post dates as Hexo writes them (`2019-09-12 13:52:48`, `2019-09-12`, ISO 8601 with an
 * offset). A date without an offset is wall-clock time in the site's time zone; we keep
 * the author's wall-clock text for display and compute the instant for `datetime`, so the
 * page is the same on every machine whatever its `TZ`.
 */

/** A parsed post date. */
export interface PostDate {
  /** `YYYY-MM-DD`, as the author wrote it. */
  day: string;
  /** ISO 8601 with the offset in force, e.g. `2019-09-12T13:52:48+08:00`. */
  iso: string;
  /** Milliseconds since the epoch, for sorting. */
  time: number;
}

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Parse a front-matter date; `undefined` when it is not one. */
export function parsePostDate(raw: unknown, timezone: string): PostDate | undefined {
  if (raw instanceof Date) raw = raw.toISOString();
  if (typeof raw !== 'string') return undefined;
  const match = DATE.exec(raw.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, offset] = match;
  const parts = [Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0)] as const;
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60) return undefined;
  const wallClock = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  if (new Date(wallClock).getUTCDate() !== parts[2]) return undefined; // 2019-02-30
  const offsetMinutes = offset !== undefined ? parseOffset(offset) : zoneOffsetMinutes(timezone, wallClock);
  const time = wallClock - offsetMinutes * 60_000;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const dayText = `${pad(parts[0], 4)}-${pad(parts[1])}-${pad(parts[2])}`;
  const iso = `${dayText}T${pad(parts[3])}:${pad(parts[4])}:${pad(parts[5])}${formatOffset(offsetMinutes)}`;
  return { day: dayText, iso, time };
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/** The offset of `timezone` at the wall-clock time `wallClock` (read as UTC), in minutes. */
export function zoneOffsetMinutes(timezone: string, wallClock: number): number {
  if (timezone === 'UTC') return 0;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  // Guess the instant, read back the zone's wall clock there, and correct once (DST edges).
  let guess = wallClock;
  for (let round = 0; round < 2; round++) {
    const fields = Object.fromEntries(format.formatToParts(new Date(guess)).map((part) => [part.type, part.value]));
    const seen = Date.UTC(Number(fields.year), Number(fields.month) - 1, Number(fields.day), Number(fields.hour), Number(fields.minute), Number(fields.second));
    const offset = (seen - guess) / 60_000;
    guess = wallClock - offset * 60_000;
    if (round === 1) return offset;
  }
  return 0;
}
