/**
 * HTTP-date (RFC 9110 §5.6.7) in its three forms, read strictly: a header that merely looks like a
 * date to `Date.parse` ("1 2", "-5") must not become a wait of zero.
 *   IMF-fixdate  Sun, 06 Nov 1994 08:49:37 GMT
 *   rfc850-date  Sunday, 06-Nov-94 08:49:37 GMT   (obsolete)
 *   asctime      Sun Nov  6 08:49:37 1994          (obsolete)
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** Epoch milliseconds of an HTTP-date, or undefined when `text` is not one (or names no real moment). */
export function parseHttpDate(text: string, now: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match !== null) return moment(match[3], match[2], match[1], match[4], match[5], match[6]);
  match = RFC850_DATE.exec(text);
  if (match !== null) {
    // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
    const thisYear = new Date(now).getUTCFullYear();
    let year = 2000 + Number(match[3]);
    if (year > thisYear + 50) year -= 100;
    return moment(String(year), match[2], match[1], match[4], match[5], match[6]);
  }
  match = ASCTIME_DATE.exec(text);
  if (match !== null) return moment(match[6], match[1], match[2], match[3], match[4], match[5]);
  return undefined;
}

function moment(...parts: (string | undefined)[]): number | undefined {
  const [year, monthName, day, hour, minute, second] = parts.map((p) => p ?? "");
  const y = Number(year);
  const m = MONTHS.indexOf(monthName ?? "");
  const d = Number((day ?? "").trim());
  const [h, min, s] = [Number(hour), Number(minute), Number(second)];
  if (h > 23 || min > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, m, d, h, min, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March; a date that does not exist is no date.
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}
