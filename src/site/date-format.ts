/**
 * Dates shown on pages, formatted with Hexo's `date_format` (Moment.js tokens) in the
 * site's time zone and language. The tokens blogs use are supported: `YYYY YY`, `MMMM MMM
 * MM M`, `DD D Do`, `dddd ddd`, `HH H hh h mm m ss s A a`, `Z ZZ`; text in `[brackets]` is
 * kept as is. Anything else is printed as written.
 */
import { wallClock } from './hexo/permalink.js';

const TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a|ZZ|Z/g;

const names = new Map<string, Intl.DateTimeFormat>();
function nameOf(time: number, timezone: string, language: string, option: Intl.DateTimeFormatOptions): string {
  const key = `${timezone}|${language}|${JSON.stringify(option)}`;
  let format = names.get(key);
  if (!format) {
    let locale = 'en';
    try {
      locale = Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : 'en';
    } catch {
      // not a language tag
    }
    names.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone: timezone, ...option })));
  }
  return format.format(new Date(time));
}

function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/** `time` (ms since the epoch) as `format` says, on the wall clock of `timezone`, month and day names in `language`. */
export function formatDate(time: number, format: string, timezone: string, language = 'en'): string {
  const clock = wallClock(time, timezone);
  const offset = Math.round((Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - Math.floor(time / 1000) * 1000) / 60_000);
  const zone = (separator: string) => `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}${separator}${pad(offset % 60)}`;
  const hour12 = clock.hour % 12 === 0 ? 12 : clock.hour % 12;
  return format.replace(TOKENS, (token, literal?: string) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY': return pad(clock.year, 4);
      case 'YY': return pad(clock.year % 100);
      case 'MMMM': return nameOf(time, timezone, language, { month: 'long' });
      case 'MMM': return nameOf(time, timezone, language, { month: 'short' });
      case 'MM': return pad(clock.month);
      case 'M': return String(clock.month);
      case 'Do': return ordinal(clock.day);
      case 'DD': return pad(clock.day);
      case 'D': return String(clock.day);
      case 'dddd': return nameOf(time, timezone, language, { weekday: 'long' });
      case 'ddd': return nameOf(time, timezone, language, { weekday: 'short' });
      case 'HH': return pad(clock.hour);
      case 'H': return String(clock.hour);
      case 'hh': return pad(hour12);
      case 'h': return String(hour12);
      case 'mm': return pad(clock.minute);
      case 'm': return String(clock.minute);
      case 'ss': return pad(clock.second);
      case 's': return String(clock.second);
      case 'A': return clock.hour < 12 ? 'AM' : 'PM';
      case 'a': return clock.hour < 12 ? 'am' : 'pm';
      case 'ZZ': return zone('');
      case 'Z': return zone(':');
      default: return token;
    }
  });
}

/** ISO 8601 with the offset of `timezone` (`2019-09-12T13:52:48+08:00`, `Z` for UTC). */
export function isoDate(time: number, timezone: string): string {
  const text = formatDate(time, 'YYYY-MM-DD[T]HH:mm:ssZ', timezone);
  return text.endsWith('+00:00') ? `${text.slice(0, -6)}Z` : text;
}
