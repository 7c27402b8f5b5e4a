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
