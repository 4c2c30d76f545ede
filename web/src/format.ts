// UK formats for the dashboard. Money arrives as integer pence; shares as fractions (0.421);
// financial years as "2024/25" (or a starting year, 2024); dates as ISO "YYYY-MM-DD".
// Nothing here touches the DOM, so it is unit-tested with `npm test` (test/format.test.mjs).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What is shown where a value is not known (never a zero). */
export const UNKNOWN = '—';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1234567 -> "1,234,567"; null -> "—". */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return UNKNOWN;
  const sign = n < 0 ? '-' : '';
  return sign + group(String(Math.round(Math.abs(n))));
}

// Money follows core::FormatPounds and core::FormatPoundsShort (src/core/money.h), the rule the
// server's reports use, so one screen never shows two spellings of one figure. This is a port,
// not a second rule: both are tested against web/test/money_vectors.json.

/** Exact money from integer pence (core::FormatPounds): 123456 -> "£1,234.56", -5000 -> "-£50.00". */
export function moneyExact(pence: number | null | undefined): string {
  if (pence === null || pence === undefined || !Number.isFinite(pence)) return UNKNOWN;
  const p = Math.round(pence);
  const sign = p < 0 ? '-' : '';
  const abs = Math.abs(p);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}£${group(String(pounds))}.${String(rest).padStart(2, '0')}`;
}

/**
 * `x` (>= 0) with `digits` decimals, rounded as the C++ formatter rounds: to the nearest, and an
 * exact tie to the even digit (45.25 -> "45.2"), where toFixed would round a tie up.
 */
function fixedAsCpp(x: number, digits: number): string {
  const scale = 2 ** (digits + 1);
  const twice = x * scale; // exact: a power of two
  const tie = Number.isInteger(twice) && twice % 2 === 1;
  if (!tie) return x.toFixed(digits);
  let n = Math.floor(x * 10 ** digits);
  if (n % 2 === 1) n += 1;
  const text = String(n).padStart(digits + 1, '0');
  return `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
}

/**
 * Compact money from integer pence (core::FormatPoundsShort): "£1.90bn", "£1.2m", "£45.0k",
 * "£1,924", "£734". The unit is chosen after rounding, so £999,999.99 is "£1.0m".
 */
export function money(pence: number | null | undefined): string {
  if (pence === null || pence === undefined || !Number.isFinite(pence)) return UNKNOWN;
  const sign = pence < 0 ? '-' : '';
  const pounds = Math.abs(pence) / 100;
  if (Math.round(pounds / 1e5) >= 10000) return `${sign}£${fixedAsCpp(pounds / 1e9, 2)}bn`;
  if (Math.round(pounds / 1e2) >= 10000) return `${sign}£${fixedAsCpp(pounds / 1e6, 1)}m`;
  if (Math.round(pounds) >= 10000) return `${sign}£${fixedAsCpp(pounds / 1e3, 1)}k`;
  return `${sign}£${group(String(Math.round(pounds)))}`;
}

/** A fraction as a percentage with one decimal: 0.4213 -> "42.1%"; null -> "—". */
export function pct(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return UNKNOWN;
  return `${(share * 100).toFixed(digits)}%`;
}

/** Percentage points between two shares: +0.013 -> "+1.3 points". */
export function points(delta: number): string {
  const v = delta * 100;
  const s = v.toFixed(1);
  if (s === '0.0' || s === '-0.0') return 'no change';
  return `${v > 0 ? '+' : ''}${s} points`;
}

/** "2025-03-31" (or "2025-03-31T10:00:00Z") -> "31 Mar 2025"; anything else is returned as is. */
export function date(iso: string | null | undefined): string {
  if (!iso) return UNKNOWN;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return iso;
  return `${Number(m[3])} ${MONTHS[month - 1]} ${m[1]}`;
}

/** "2026-12-02T18:48:31Z" -> "2 Dec 2026, 18:48" (UTC, as stored). */
/** "submitted 2026-12-03" -> "submitted 3 Dec 2026": ISO dates inside API text in UK form. */
export function ukDates(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => date(iso));
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return UNKNOWN;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(iso);
  if (!m) return date(iso);
  return `${date(m[1])}, ${m[2]}:${m[3]}`;
}

/** The starting calendar year of a financial year label: "2024/25" -> 2024; 2024 -> 2024. */
export function fyStart(fy: string | number | null | undefined): number | null {
  if (fy === null || fy === undefined || fy === '') return null;
  if (typeof fy === 'number') return Number.isFinite(fy) ? fy : null;
  const m = /^(?:FY\s*)?(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/i.exec(fy.trim());
  return m ? Number(m[1]) : null;
}

/** "2024/25" or 2024 -> "2024/25" (the API's label). */
export function fyLabel(fy: string | number | null | undefined): string {
  const y = fyStart(fy);
  if (y === null) return typeof fy === 'string' ? fy : '';
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

/** "2024/25" or 2024 -> "FY 2024/25". */
export function fy(fyValue: string | number | null | undefined): string {
  const label = fyLabel(fyValue);
  return label ? `FY ${label}` : UNKNOWN;
}

/** Quarter of a financial year: (2024, 1) -> "Q1 2024/25"; quarter 0 -> "FY 2024/25". */
export function quarter(fyValue: string | number, q: number): string {
  if (!q) return fy(fyValue);
  return `Q${q} ${fyLabel(fyValue)}`;
}

/** The months of a financial-year quarter (year starting in April): 1 -> "Apr–Jun". */
export function quarterMonths(q: number, startMonth = 4): string {
  if (q < 1 || q > 4) return '';
  const first = (startMonth - 1 + (q - 1) * 3) % 12;
  return `${MONTHS[first]}–${MONTHS[(first + 2) % 12]}`;
}

/** Tonnes from kilograms: 66811448 -> "66,811 tCO2e". */
export function tonnes(kg: number | null | undefined): string {
  if (kg === null || kg === undefined || !Number.isFinite(kg)) return UNKNOWN;
  return `${count(kg / 1000)} tCO2e`;
}

/** A value in its unit ("pounds" = pence, "count", "tCO2e" = kg, "share" = fraction). */
export function valueIn(unit: string | undefined, v: number | null | undefined): string {
  switch (unit) {
    case 'pounds':
    case 'pence':
    case 'money':
      return money(v);
    case 'tCO2e':
    case 'kg':
    case 'kgCO2e':
      return tonnes(v);
    case 'share':
    case 'percent':
      return pct(v);
    default:
      return count(v);
  }
}

/** "off-track" -> "Off track". */
export function status(s: string | null | undefined): string {
  if (!s) return UNKNOWN;
  const words = s.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "yes" / "no" / "unknown" in words. */
export function yesNo(v: string | boolean | null | undefined): string {
  if (v === true || v === 'yes') return 'Yes';
  if (v === false || v === 'no') return 'No';
  return 'Not known';
}

/** "2 of 3" style plural helper: plural(1, 'line') -> "1 line", plural(3, 'line') -> "3 lines". */
export function plural(n: number, word: string, many?: string): string {
  return `${count(n)} ${n === 1 ? word : many ?? `${word}s`}`;
}
