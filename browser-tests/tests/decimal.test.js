// The pages' decimal helper on its own (it has no DOM): the readable form of an amount is the same number, grouped
// and with only zeros trimmed; sums and comparisons are exact.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fewestDecimals, isZero, readableAmount, sameDecimal, sumDecimals,
} from '../../ledger-api/src/main/resources/static/pages/decimal.js';

test('readable amounts: grouped by thousands, trailing zeros trimmed to the currency\'s decimals', () => {
  const cases = [
    // an 18-decimal asset: its zeros trimmed to 8, a non-zero digit never
    ['1.010000000000000000', 'ETH', '1.01000000'],
    ['0.000000000000000000', 'ETH', '0.00000000'],
    ['0.000000000000000001', 'ETH', '0.000000000000000001'],
    ['1234.123456789000000000', 'BNB', '1,234.123456789'],
    // the currency's own precision below the fewest shown: nothing trimmed
    ['250.000000', 'XRP', '250.000000'],
    ['1.50000000', 'BTC', '1.50000000'],
    ['12.345678912', 'SOL', '12.345678912'],
    ['2.000000000', 'SOL', '2.00000000'],
    // fiat and dollar stablecoins read in cents
    ['100.250000', 'USDT', '100.25'],
    ['100.000001', 'USDC', '100.000001'],
    ['145500.00', 'USD', '145,500.00'],
    ['1234567.5', 'EUR', '1,234,567.5'],
    ['999', 'USD', '999'],
    ['1000', 'USD', '1,000'],
    ['-1234567.890000', 'USDT', '-1,234,567.89'],
    ['-0.00', 'USD', '0.00'],
    // an unknown or missing currency: the crypto default
    ['5.000000000000', 'XYZ', '5.00000000'],
    ['5.000000000000', undefined, '5.00000000'],
  ];
  for (const [exact, currency, shown] of cases) {
    assert.equal(readableAmount(exact, currency), shown, `${exact} ${currency}`);
  }
  assert.equal(fewestDecimals('usd'), 2);
  assert.equal(fewestDecimals('BTC'), 8);
  assert.throws(() => readableAmount('1e5', 'BTC'), /not a decimal/);
  assert.throws(() => readableAmount('1,000.00', 'USD'), /not a decimal/);
});

/** A small seeded generator, so a failure names a case that can be run again. */
function generator(seed) {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

test('property: the readable form is the same number, only zeros trimmed and never below the currency\'s decimals', () => {
  const next = generator(20261203);
  const currencies = ['BTC', 'ETH', 'USDT', 'USD', 'SOL', 'XRP', 'BNB', 'EUR'];
  const digits = (count) => Array.from({ length: count }, () => String(next(10))).join('');
  for (let i = 0; i < 5000; i++) {
    const currency = currencies[next(currencies.length)];
    const scale = next(19);
    // mostly trailing zeros, as the ledger writes them at the currency's scale
    const significant = next(scale + 1);
    const whole = digits(1 + next(16)).replace(/^0+(?=\d)/, '');
    const fraction = digits(significant) + '0'.repeat(scale - significant);
    const exact = `${next(4) === 0 ? '-' : ''}${whole}${scale ? `.${fraction}` : ''}`;
    const shown = readableAmount(exact, currency);
    const plain = shown.replaceAll(',', '');
    assert.ok(sameDecimal(plain, exact), `${exact} ${currency} shown as ${shown}`);
    const shownScale = plain.includes('.') ? plain.split('.')[1].length : 0;
    assert.ok(shownScale >= Math.min(scale, fewestDecimals(currency)), `${exact} ${currency}: ${shown} has too few decimals`);
    assert.ok(shownScale <= scale, `${exact} ${currency}: ${shown} has more decimals than the ledger wrote`);
    // grouped: digits in threes, a comma only in the whole part
    assert.match(shown, /^-?\d{1,3}(,\d{3})*(\.\d+)?$/, `${exact} ${currency}: ${shown}`);
  }
});

test('sums and comparisons stay exact', () => {
  assert.equal(sumDecimals(['33.33', '33.33', '33.34']), '100.00');
  assert.equal(sumDecimals(['0.1', '0.2']), '0.3');
  assert.equal(sumDecimals(['0.000000000000000001', '999999999999.999999999999999999']), '1000000000000.000000000000000000');
  assert.ok(sameDecimal('1.50', '1.5'));
  assert.ok(!sameDecimal('1.5', '1.05'));
  assert.ok(isZero('-0.000'));
});
