// BitMEX times ("2019-01-05T23:01:25.263Z") → epoch ms, shared by the JSON.parse and scanner paths.

/** Epoch ms of an ISO-8601 time within 2009..2100, else NaN. */
export function isoTime(s: string): number {
  const fast = isoFast(s);
  const ms = fast === fast ? fast : Date.parse(s);
  return Number.isInteger(ms) && ms >= 1_230_000_000_000 && ms <= 4_102_444_800_000 ? ms : NaN;
}

/**
 * Epoch ms of "YYYY-MM-DDTHH:MM:SS.sssZ" (the form BitMEX sends), NaN for any other text, which
 * then goes to Date.parse: same result for every text accepted here, without Date.parse's cost.
 */
export function isoFast(s: string): number {
  if (s.length !== 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return NaN;
  if (s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const ms = digits(s, 20, 3);
  // NaN (a non-digit) fails every comparison below.
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && sec <= 59 && ms >= 0)) return NaN;
  return daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
}

/** The `n`-digit decimal at `at`, NaN when a character is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function daysIn(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
