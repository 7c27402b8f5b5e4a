// Exact arithmetic on the ledger's decimal strings, for the few sums a page shows (e.g. that the allocation
// percentages add up to 100.00). BigInt at the largest scale present: never a float, so nothing is lost.

function parse(text) {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!match) {
    throw new Error(`not a decimal: ${text}`);
  }
  const [, sign, whole, fraction = ''] = match;
  return { negative: sign === '-', digits: whole + fraction, scale: fraction.length };
}

function toUnits({ negative, digits, scale }, targetScale) {
  const units = BigInt(digits + '0'.repeat(targetScale - scale));
  return negative ? -units : units;
}

function format(units, scale) {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** The exact sum of decimal strings, at the largest scale among them. */
export function sumDecimals(values) {
  const parsed = values.map(parse);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  return format(parsed.reduce((sum, p) => sum + toUnits(p, scale), 0n), scale);
}

/** Whether two decimal strings are the same number ("1.50" and "1.5" are). */
export function sameDecimal(a, b) {
  const left = parse(a);
  const right = parse(b);
  const scale = Math.max(left.scale, right.scale);
  return toUnits(left, scale) === toUnits(right, scale);
}

/** Whether a decimal string is zero. */
export const isZero = (value) => sameDecimal(value, '0');

/**
 * The fewest decimals an amount of a currency is shown with. Fiat and the dollar stablecoins read in cents; a
 * crypto asset in up to 8 decimals (satoshis, the exchanges' usual precision). Only zeros are trimmed down to it:
 * a non-zero digit beyond it is always shown, so nothing is rounded away.
 */
const SHOWN_IN_CENTS = new Set(['USD', 'EUR', 'GBP', 'USDT', 'USDC']);
export const fewestDecimals = (currency) => (SHOWN_IN_CENTS.has(String(currency ?? '').toUpperCase()) ? 2 : 8);

/** The whole part's digits in groups of three ("1234567" → "1,234,567"). */
const grouped = (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * An amount as a person reads it: the whole part grouped by thousands, the trailing zeros of the fraction trimmed
 * down to the currency's {@link fewestDecimals} (never below what the ledger wrote, never a non-zero digit). The
 * same number as the ledger's string, only written differently: without the commas, `sameDecimal` holds.
 */
export function readableAmount(text, currency) {
  const { negative, digits, scale } = parse(text);
  const whole = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
  let fraction = digits.slice(digits.length - scale);
  const keep = Math.min(scale, fewestDecimals(currency));
  fraction = fraction.replace(/0+$/, '');
  fraction = fraction.padEnd(keep, '0');
  const zero = /^0*$/.test(whole + fraction);
  return `${negative && !zero ? '-' : ''}${grouped(whole)}${fraction ? `.${fraction}` : ''}`;
}
