/**
 * Post dates as Hexo reads them. Hexo 8 (`plugins/processor/post.js`, `common.js`) takes
 * a YAML timestamp from js-yaml, or any other string through `new Date(string)`, as
 * wall-clock time and moves it into the site's `timezone`. So `2019-09-12 13:52:48`,
 * `2019-09-12`, `2021/06/22`, `2022/8/19 9:05`, `2021-6-22`, `June 22, 2021` are all
 * wall-clock times in the site's time zone. We read the common numeric forms ourselves
 * (strictly: `2019-02-30` is an error, where Hexo rolls it over to March) and hand the
 * rest to the same `Date` parser Hexo uses, keeping its wall-clock reading.
 *
 * One deliberate difference: a date with an explicit offset (`2021-06-22T10:00:00+08:00`)
 * is that instant here; Hexo reads its UTC wall clock as site time (test/syntax/
 * front-matter-hexo.test.ts shows both).
 *
 * We keep the author's wall-clock text for display and compute the instant for
 * `datetime`, so the page is the same on every machine whatever its `TZ`.
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

// `2019-09-12`, `2021/06/22`, `2022/8/19 9:05`, `2019-09-12T13:52:48.5+08:00`, js-yaml's
// `2001-12-14 21:59:43.10 -5` (offset after a space, hours only).
const DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?[ \t]*(Z|[+-]\d{1,2}(?::?\d{2})?)?$/;
// A zone in a free-form date (`22 Jun 2021 10:00 GMT+0800`): then it names an instant.
const HAS_ZONE = /(?:\b(?:GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\s*(?:\(.*\))?$)/;

/** Parse a front-matter date; `undefined` when it is not one. */
export function parsePostDate(raw: unknown, timezone: string): PostDate | undefined {
  if (raw instanceof Date) raw = raw.toISOString();
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const match = DATE.exec(text);
  if (!match) return parseFreeForm(text, timezone);
  const [, year, , month, day, hour, minute, second, offset] = match;
  const parts = [Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0)] as const;
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60) return undefined;
  const wallClock = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  if (new Date(wallClock).getUTCDate() !== parts[2]) return undefined; // 2019-02-30
  const offsetMinutes = offset !== undefined ? parseOffset(offset) : zoneOffsetMinutes(timezone, wallClock);
  return postDate(parts, offsetMinutes);
}

/**
 * A date only `Date` understands (`June 22, 2021`, `2021.06.22`), read as Hexo does: the
 * local fields of `new Date(text)` are the wall clock (they do not depend on the machine's
 * zone, which Hexo then replaces by the site's); with a zone in the text, the instant.
 */
function parseFreeForm(text: string, timezone: string): PostDate | undefined {
  if (!/\d/.test(text) || /^\d+$/.test(text)) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return undefined;
  if (HAS_ZONE.test(text)) {
    const wall = new Date(date.getTime());
    const parts = [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()] as const;
    return postDate(parts, 0);
  }
  const parts = [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()] as const;
  return postDate(parts, zoneOffsetMinutes(timezone, Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5])));
}

type DateParts = readonly [number, number, number, number, number, number];

function postDate(parts: DateParts, offsetMinutes: number): PostDate {
  const wallClock = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  const time = wallClock - offsetMinutes * 60_000;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const dayText = `${pad(parts[0], 4)}-${pad(parts[1])}-${pad(parts[2])}`;
  const iso = `${dayText}T${pad(parts[3])}:${pad(parts[4])}:${pad(parts[5])}${formatOffset(offsetMinutes)}`;
  return { day: dayText, iso, time };
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const [hours, minutes = '0'] = text.slice(1).includes(':') ? text.slice(1).split(':') : text.length > 3 ? [text.slice(1, 3), text.slice(3)] : [text.slice(1)];
  return sign * (Number(hours) * 60 + Number(minutes));
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
