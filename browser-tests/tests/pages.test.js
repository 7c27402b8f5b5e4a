// The pages against the real service jar in headless Chromium: each shows the data created through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AUDIT_KEY, READ_KEY, column, eventually, exactColumn, exactOf, openPages, screenshot, settled, startBrowser, startLedger,
} from './harness.js';
import { readableAmount } from '../../ledger-api/src/main/resources/static/pages/decimal.js';

const USER = 'alice';
const HISTORY_CREDITS = 25; // more than one page of 20, so the cursor paging is exercised
let ledger;
let browser;
const started = Date.now();

before(async () => {
  ledger = await startLedger();
  browser = await startBrowser();
  console.log(`# service and browser up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const credit = (operationId, currency, amount) => ledger.post('/api/ledger/credits',
    { operation_id: operationId, user_id: USER, currency, amount, reason: 'deposit' });
  await credit('dep-btc', 'BTC', '1.5');
  await credit('dep-eth', 'ETH', '3');
  await credit('dep-sol', 'SOL', '12.345678912');
  for (let i = 1; i <= HISTORY_CREDITS; i++) {
    await credit(`dep-usdt-${i}`, 'USDT', '100.25');
  }
  await ledger.post('/api/savings/transfers',
    { operation_id: 'save-btc', user_id: USER, currency: 'BTC', amount: '0.5', direction: 'to_savings' });
  await ledger.post('/api/withdrawals',
    { withdrawal_id: 'wd-approve', user_id: USER, currency: 'ETH', amount: '1', fee: '0.01', address: '0xabc0000000000000000000000000000000000001' });
  await ledger.post('/api/withdrawals',
    { withdrawal_id: 'wd-stays', user_id: USER, currency: 'USDT', amount: '250', fee: '1', address: 'TXYZ00000000000000000000000000000' });
  // the pages read projections, which follow the commands within milliseconds
  await eventually(async () => {
    const history = await ledger.get(`/api/wallets/transactions/${USER}?limit=200`);
    assert.equal(history.items.length, 3 + HISTORY_CREDITS + 1 + 2);
    const pending = await ledger.get('/api/withdrawals?status=pending');
    assert.equal(pending.items.length, 2);
  });
});

after(async () => {
  await browser?.close();
  await ledger?.stop();
  console.log(`# browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
});

async function withPage(name, options, body) {
  const session = await openPages(browser, ledger.baseUrl, { page: name, ...options });
  try {
    await settled(session.page, name);
    await body(session.page);
    assert.deepEqual(session.scriptErrors, [], 'no script error on the page');
    // a missing value must be shown as such, never as the text of a JavaScript null
    assert.doesNotMatch(await session.page.textContent('main'), /\b(null|undefined|NaN)\b/);
  } finally {
    await session.context.close();
  }
}

test('the pages load without a key, the API does not', async () => {
  for (const path of ['/', '/index.html', '/app.js', '/app.css', '/pages/wallet.js']) {
    assert.equal((await fetch(ledger.baseUrl + path)).status, 200, path);
  }
  const refused = await fetch(`${ledger.baseUrl}/api/wallets/balances/${USER}`);
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).code, 'UNAUTHORIZED');
});

test('wallet: every balance of every currency, exactly as the API gives it', async () => {
  const wallet = await ledger.get(`/api/wallets/balances/${USER}`);
  await withPage('wallet', {}, async (page) => {
    for (const [field, testid] of [['available_balance', 'available'], ['locked_balance', 'locked'], ['savings_balance', 'savings'],
      ['total_balance', 'total'], ['usd_value', 'usd-value']]) {
      // the exact value behind every figure, and the figure itself in its readable form
      assert.deepEqual(await exactColumn(page, 'balances', testid), Object.fromEntries(wallet.balances.map((b) => [b.currency, b[field]])), field);
      const currencyOf = (b) => (field === 'usd_value' ? 'USD' : b.currency);
      assert.deepEqual(await column(page, 'balances', testid),
        Object.fromEntries(wallet.balances.map((b) => [b.currency, readableAmount(b[field], currencyOf(b))])), field);
    }
    const btc = await page.textContent('[data-testid=balances] tr[data-key=BTC]');
    assert.match(btc, /1\.00000000.*0\.00000000.*0\.50000000.*1\.50000000/s);
    assert.equal(await exactOf(page, '[data-testid=wallet-total-usd]'), wallet.total_usd);
    assert.equal(await page.textContent('[data-testid=wallet-total-usd]'), readableAmount(wallet.total_usd, 'USD'));
    assert.match(await page.textContent('[data-testid=wallet-total-usd]'), /^\d{1,3}(,\d{3})+\.\d\d$/, 'grouped by thousands');
    // the pending withdrawal's amount and fee are locked: 18 decimals shown as 8, the 18 on hover
    assert.equal((await column(page, 'balances', 'locked')).ETH, '1.01000000');
    assert.equal((await exactColumn(page, 'balances', 'locked')).ETH, '1.010000000000000000');
    assert.equal(await page.getAttribute('[data-testid=balances] tr[data-key=ETH] [data-testid=locked] .amount', 'title'),
      '1.010000000000000000 ETH (exact)');
    // copying the figure copies the exact value
    const copied = await page.evaluate(() => {
      const figure = document.querySelector('[data-testid=balances] tr[data-key=ETH] [data-testid=locked] .amount');
      const range = document.createRange();
      range.selectNodeContents(figure);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      const clipboardData = new DataTransfer();
      figure.dispatchEvent(new ClipboardEvent('copy', { clipboardData, bubbles: true, cancelable: true }));
      getSelection().removeAllRanges(); // not in the screenshot below
      return clipboardData.getData('text/plain');
    });
    assert.equal(copied, '1.010000000000000000');
    // the helper the page runs is the one the unit checks test (decimal.test.js), in this browser too
    assert.equal(await page.evaluate(async () => (await import('/pages/decimal.js')).readableAmount('1234567.000000000000000001', 'ETH')),
      '1,234,567.000000000000000001');
    await screenshot(page, 'wallet');
  });
});

test('wallet: the proof of liabilities is checked in the browser against the root the auditors published', async () => {
  const published = await ledger.get('/api/audit/liabilities/BTC', AUDIT_KEY);
  await withPage('wallet', {}, async (page) => {
    const verify = async (root, total) => {
      await page.selectOption('[data-testid=proof-currency]', 'BTC');
      await page.fill('[data-testid=proof-root]', root);
      await page.fill('[data-testid=proof-total]', total);
      await page.click('[data-testid=proof-verify]');
      await page.waitForSelector('[data-testid=proof-result][data-valid]');
      return { valid: await page.getAttribute('[data-testid=proof-result]', 'data-valid'), text: await page.textContent('[data-testid=proof-result]') };
    };
    const included = await verify(published.root_hash, published.total);
    assert.equal(included.valid, 'true', included.text);
    assert.match(included.text, /^Included: 1\.50000000 BTC of alice is in the published root /);
    const offByOneUnit = (BigInt(published.total.replace('.', '')) + 1n).toString().padStart(9, '0');
    const forged = await verify(published.root_hash, `${offByOneUnit.slice(0, -8)}.${offByOneUnit.slice(-8)}`);
    assert.equal(forged.valid, 'false');
    assert.match(forged.text, /^Not included: the path sums to a total other than the published one/);
    assert.match((await verify('0'.repeat(64), published.total)).text, /^Not included: the path leads to root [0-9a-f]{64}, not the published/);
    // the helper the page runs is the one the unit checks test (liabilities.test.js), in this browser too
    assert.equal(await page.evaluate(async () => String((await import('/pages/liabilities.js')).units('1.5', 8))), '150000000');
  });
});

test('portfolio: the total and each asset\'s value, matching the wallet', async () => {
  const portfolio = await ledger.get(`/api/wallets/portfolio/${USER}`);
  await withPage('portfolio', {}, async (page) => {
    assert.equal(await exactOf(page, '[data-testid=portfolio-total-usd]'), portfolio.total_usd);
    assert.equal(await page.textContent('[data-testid=portfolio-total-usd]'), readableAmount(portfolio.total_usd, 'USD'));
    assert.deepEqual(await exactColumn(page, 'assets', 'usd-value'), Object.fromEntries(portfolio.assets.map((a) => [a.currency, a.usd_value])));
    assert.deepEqual(await exactColumn(page, 'assets', 'total'), Object.fromEntries(portfolio.assets.map((a) => [a.currency, a.total_balance])));
    assert.deepEqual(await column(page, 'assets', 'total'),
      Object.fromEntries(portfolio.assets.map((a) => [a.currency, readableAmount(a.total_balance, a.currency)])));
    assert.match(await page.textContent('[data-testid=wallet-match]'), /^Matches the wallet total/);
    await screenshot(page, 'portfolio');
  });
});

test('allocations: a chart and the percentages, which add up to exactly 100', async () => {
  const portfolio = await ledger.get(`/api/wallets/portfolio/${USER}`);
  await withPage('allocations', {}, async (page) => {
    const shown = await column(page, 'allocations', 'allocation-pct');
    assert.deepEqual(shown, Object.fromEntries(portfolio.assets.map((a) => [a.currency, a.allocation_pct])));
    // summed exactly, in hundredths of a percent
    const hundredths = Object.values(shown).reduce((sum, pct) => {
      assert.match(pct, /^\d+\.\d\d$/);
      return sum + BigInt(pct.replace('.', ''));
    }, 0n);
    assert.equal(hundredths, 10_000n);
    assert.equal(await page.textContent('[data-testid=allocation-sum]'), '100.00');
    const slices = await page.$$('[data-testid=allocation-chart] [data-currency]');
    assert.equal(slices.length, Object.values(shown).filter((pct) => pct !== '0.00').length);
    await screenshot(page, 'allocations');
  });
});

test('transactions: newest first, paged with the cursor, filtered by currency and type', async () => {
  await withPage('transactions', {}, async (page) => {
    const rows = () => page.$$eval('[data-testid=transactions] tbody tr', (trs) => trs.map((tr) => ({
      type: tr.querySelector('[data-testid=type]').textContent,
      currency: tr.querySelector('[data-testid=currency]').textContent,
      amount: tr.querySelector('[data-testid=amount]').textContent,
      operation: tr.querySelector('[data-testid=operation-id]').textContent,
    })));
    const first = await rows();
    assert.equal(first.length, 20);
    assert.deepEqual(first[0], { type: 'lock', currency: 'USDT', amount: '251.00', operation: 'withdrawal:wd-stays' });
    assert.equal(await exactOf(page, '[data-testid=transactions] tbody tr:first-child [data-testid=amount]'), '251.000000');
    assert.equal(await page.textContent('[data-testid=page-number]'), 'Page 1');
    await screenshot(page, 'transactions');

    await page.click('[data-testid=page-older]');
    await page.waitForSelector('text=Page 2');
    const second = await rows();
    assert.equal(second.length, 3 + HISTORY_CREDITS + 1 + 2 - 20);
    assert.deepEqual(second.at(-1), { type: 'credit', currency: 'BTC', amount: '1.50000000', operation: 'dep-btc' });
    const seen = new Set([...first, ...second].map((r) => `${r.operation}/${r.type}/${r.currency}`));
    assert.equal(seen.size, first.length + second.length, 'no movement on two pages');
    await page.click('[data-testid=page-newer]');
    await page.waitForSelector('text=Page 1');
    assert.deepEqual(await rows(), first);

    await page.selectOption('[data-testid=filter-currency]', 'BTC');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=transactions] tbody tr')].length === 2);
    assert.deepEqual((await rows()).map((r) => `${r.type} ${r.amount}`), ['to_savings 0.50000000', 'credit 1.50000000']);
    await page.selectOption('[data-testid=filter-type]', 'to_savings');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=transactions] tbody tr')].length === 1);
    await page.selectOption('[data-testid=filter-currency]', 'SOL');
    await page.waitForSelector('[data-testid=empty]');
    assert.equal(await page.textContent('[data-testid=empty]'), 'No transactions match these filters.');
  });
});

test('savings: a move in and a refused move out, with the problem\'s code and detail', async () => {
  await withPage('savings', {}, async (page) => {
    assert.equal((await column(page, 'savings-balances', 'savings')).BTC, '0.50000000');
    await page.selectOption('[data-testid=savings-currency]', 'BTC');
    await page.fill('[data-testid=savings-amount]', '0.25');
    await page.click('[data-testid=to_savings]');
    await page.waitForSelector('[data-testid=savings-done]');
    assert.equal((await column(page, 'savings-balances', 'savings')).BTC, '0.75000000');
    assert.equal((await column(page, 'savings-balances', 'available')).BTC, '0.75000000');
    const operationId = /operation (savings-[0-9a-f]+)/.exec(await page.textContent('[data-testid=savings-done]'))[1];
    const history = await eventually(async () => {
      const found = await ledger.get(`/api/wallets/transactions/${USER}?currency=BTC&type=to_savings`);
      assert.equal(found.items.length, 2);
      return found;
    });
    assert.equal(history.items[0].operation_id, operationId);
    assert.equal(history.items[0].amount, '0.25000000');

    await page.fill('[data-testid=savings-amount]', '5');
    await page.click('[data-testid=from_savings]');
    await page.waitForSelector('[data-testid=error]');
    assert.equal(await page.textContent('[data-testid=error-code]'), 'INSUFFICIENT_SAVINGS');
    assert.ok((await page.textContent('[data-testid=error-detail]')).length > 0);
    assert.equal((await column(page, 'savings-balances', 'savings')).BTC, '0.75000000', 'a refusal changes nothing');

    // the answer is lost on the way back (the ledger did move the funds): the page says so, and the same move sent
    // again reuses the operation id, so the ledger answers the first outcome instead of moving the funds twice
    const sent = [];
    await page.route('**/api/savings/transfers', async (route) => {
      sent.push(JSON.parse(route.request().postData()).operation_id);
      if (sent.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.fill('[data-testid=savings-amount]', '0.05');
    await page.click('[data-testid=from_savings]');
    await page.waitForSelector('[data-testid=error-code]:text("NETWORK_ERROR")');
    await page.click('[data-testid=from_savings]');
    await page.waitForSelector('[data-testid=savings-done]');
    assert.equal(sent.length, 2);
    assert.equal(sent[1], sent[0], 'the unanswered move is retried with its operation id');
    assert.equal((await column(page, 'savings-balances', 'savings')).BTC, '0.70000000', 'moved once');
    await page.unroute('**/api/savings/transfers');
    const btc = await eventually(async () => {
      const found = (await ledger.get(`/api/wallets/balances/${USER}`)).balances.find((b) => b.currency === 'BTC');
      assert.equal(found.savings_balance, '0.70000000');
      return found;
    });
    assert.equal(btc.available_balance, '0.80000000');
    await screenshot(page, 'savings');
  });
});

test('savings: a 502 or 504 from the proxy in front, then a retry, moves the funds once', async () => {
  await withPage('savings', {}, async (page) => {
    // the ledger gets each failed attempt and moves the funds; the proxy in front loses its answer and sends its own
    // 502 or 504 page instead, as nginx does when the ledger is slow or restarting
    const proxyFailures = [502, 504];
    const sent = [];
    await page.route('**/api/savings/transfers', async (route) => {
      sent.push(JSON.parse(route.request().postData()).operation_id);
      const failure = proxyFailures.shift();
      if (failure) {
        await route.fetch();
        await route.fulfill({ status: failure, contentType: 'text/html',
          body: `<html><head><title>${failure}</title></head><body><center><h1>${failure}</h1></center><hr><center>nginx</center></body></html>` });
      } else {
        await route.continue();
      }
    });
    await page.selectOption('[data-testid=savings-currency]', 'SOL');
    await page.fill('[data-testid=savings-amount]', '2');
    await page.click('[data-testid=to_savings]');
    await page.waitForSelector('[data-testid=error-code]:text("HTTP_502")');
    const notice = await page.$('[data-testid=savings-unknown]'); // shown with the error, or not at all
    const noticeText = notice ? await notice.textContent() : '(no notice)';
    await page.click('[data-testid=to_savings]');
    await page.waitForSelector('[data-testid=error-code]:text("HTTP_504")');
    await page.click('[data-testid=to_savings]');
    await page.waitForSelector('[data-testid=savings-done]');
    assert.deepEqual(sent, [sent[0], sent[0], sent[0]], 'every retry of the unanswered move carries its operation id');
    assert.match(noticeText, new RegExp(`may have happened.*${sent[0]}`), 'the page says the outcome is unknown');
    assert.match(await page.textContent('[data-testid=savings-done]'), /savings 2\.00000000\./, 'the ledger moved it once');
    assert.equal((await column(page, 'savings-balances', 'savings')).SOL, '2.00000000');
    assert.equal((await exactColumn(page, 'savings-balances', 'savings')).SOL, '2.000000000');
    await eventually(async () => {
      const sol = (await ledger.get(`/api/wallets/balances/${USER}`)).balances.find((b) => b.currency === 'SOL');
      assert.equal(sol.savings_balance, '2.000000000');
      assert.equal(sol.available_balance, '10.345678912');
    });

    // the ledger's own refusal is definitive: it ends the move, and the next one is a new operation
    await page.fill('[data-testid=savings-amount]', '100');
    await page.click('[data-testid=to_savings]');
    await page.waitForSelector('[data-testid=error-code]:text("INSUFFICIENT_FUNDS")');
    assert.equal(await page.$('[data-testid=savings-unknown]'), null);
    const refusedAgain = page.waitForResponse((response) => response.url().endsWith('/api/savings/transfers'));
    await page.click('[data-testid=to_savings]');
    await refusedAgain;
    await page.waitForSelector('[data-testid=error-code]:text("INSUFFICIENT_FUNDS")');
    assert.equal(sent.length, 5);
    assert.notEqual(sent[4], sent[3], 'a refused move is not retried under its old id');
    await page.unroute('**/api/savings/transfers');
  });
});

test('admin: approving a withdrawal moves it out of the pending list', async () => {
  await withPage('admin', {}, async (page) => {
    const pending = await page.$$eval('[data-testid=pending-withdrawals] tbody tr', (rows) => rows.map((r) => r.dataset.key));
    assert.deepEqual(pending, ['wd-approve', 'wd-stays']);
    assert.equal((await column(page, 'pending-withdrawals', 'amount'))['wd-approve'], '1.00000000');
    assert.equal((await exactColumn(page, 'pending-withdrawals', 'amount'))['wd-approve'], '1.000000000000000000');
    await page.click('[data-testid=pending-withdrawals] tr[data-key=wd-approve] [data-testid=approve]');
    await page.waitForSelector('[data-testid=decision-done]');
    assert.match(await page.textContent('[data-testid=decision-done]'), /wd-approve approved/);
    assert.deepEqual(await page.$$eval('[data-testid=pending-withdrawals] tbody tr', (rows) => rows.map((r) => r.dataset.key)), ['wd-stays']);
    await screenshot(page, 'admin');

    // and it stays out when the list is read again from the ledger
    await eventually(async () => {
      await page.reload();
      await settled(page, 'admin');
      const keys = await page.$$eval('[data-testid=pending-withdrawals] tbody tr', (rows) => rows.map((r) => r.dataset.key));
      assert.deepEqual(keys, ['wd-stays']);
    });
    assert.equal((await ledger.get('/api/withdrawals/wd-approve')).status, 'approved');
    await eventually(async () => {
      const eth = (await ledger.get(`/api/wallets/balances/${USER}`)).balances.find((b) => b.currency === 'ETH');
      assert.equal(eth.locked_balance, '0.000000000000000000');
      assert.equal(eth.total_balance, '1.990000000000000000');
    });
  });
});

test('error and empty states: a key without the scope, an unknown key, a user with nothing', async () => {
  await withPage('admin', { key: READ_KEY }, async (page) => {
    // a read key may list withdrawals; deciding needs ledger:admin
    await page.click('[data-testid=pending-withdrawals] tr[data-key=wd-stays] [data-testid=approve]');
    await page.waitForSelector('[data-testid=error]');
    assert.equal(await page.textContent('[data-testid=error-code]'), 'FORBIDDEN');
  });
  await withPage('wallet', { key: 'not-a-key-of-this-ledger' }, async (page) => {
    assert.equal(await page.textContent('[data-testid=error-code]'), 'UNAUTHORIZED');
    assert.match(await page.textContent('[data-testid=error]'), /HTTP 401/);
    await screenshot(page, 'error');
  });
  await withPage('wallet', { userId: 'nobody-yet' }, async (page) => {
    assert.equal(await page.textContent('[data-testid=empty]'), 'nobody-yet has no balances yet.');
  });
  await withPage('wallet', { userId: 'not a user id' }, async (page) => {
    assert.equal(await page.textContent('[data-testid=error-code]'), 'VALIDATION_FAILED');
  });
});

test('operations: reconciliation per currency, processor lag, nothing parked, open holds oldest first, flows in flight', async () => {
  await ledger.post('/api/ledger/holds', { hold_id: 'ops-hold', user_id: USER, currency: 'ETH', amount: '0.25', reason: 'operations page' });
  const holds = await eventually(async () => {
    const open = await ledger.get('/api/audit/holds');
    assert.ok(open.some((x) => x.hold_id === 'ops-hold'));
    const figures = await ledger.get('/api/admin/operations');
    assert.equal(figures.open_holds_by_age.lt_1h, open.length, 'sampled after the hold');
    assert.ok(figures.processors.every((p) => p.lag_events === 0));
    return open;
  });
  const report = await ledger.get('/api/audit/reconciliation');
  assert.equal(report.clean, true);
  await withPage('operations', {}, async (page) => {
    assert.match(await page.textContent('[data-testid=reconciliation-verdict]'), /^Clean — /);
    assert.deepEqual(await page.$$eval('[data-testid=reconciliation-currencies] tbody tr', (rows) => rows.map((r) => r.dataset.key)),
      report.currencies.map((c) => c.currency));
    assert.deepEqual(await exactColumn(page, 'reconciliation-currencies', 'user-total'),
      Object.fromEntries(report.currencies.map((c) => [c.currency, c.user_total])));
    assert.deepEqual(new Set(Object.values(await column(page, 'reconciliation-currencies', 'zero-sum'))), new Set(['sums to zero']));

    const processors = await column(page, 'processor-lag', 'lag-events');
    assert.ok(['read-models', 'transfer-policy', 'product-flows'].every((name) => name in processors), JSON.stringify(processors));
    assert.deepEqual(new Set(Object.values(processors)), new Set(['0']));
    assert.deepEqual(new Set(Object.values(await column(page, 'processor-lag', 'parked'))), new Set(['0']));
    assert.equal(await page.textContent('[data-testid=flows-in-flight] li[data-key=withdrawals] .count'), '1', 'wd-stays is pending');
    assert.equal(await page.textContent('[data-testid=holds-by-age] li[data-key=lt_1h] .count'), String(holds.length));
    assert.equal(await page.textContent('[data-testid=holds-by-age] li[data-key=gt_24h] .count'), '0');
    assert.match(await page.textContent('[data-testid=scheduled-reconciliation]'), /^not run yet/);
    assert.equal(await page.textContent('[data-testid=parked] [data-testid=empty]'), 'No events are parked: every read model handled every event.');

    // oldest first, as the audit endpoint gives them, the 18-decimal amount readable and exact behind it
    assert.deepEqual(await page.$$eval('[data-testid=open-holds] tbody tr', (rows) => rows.map((r) => r.dataset.key)), holds.map((x) => x.hold_id));
    const lockedAt = Object.values(await column(page, 'open-holds', 'locked-at'));
    assert.deepEqual(lockedAt, [...lockedAt].sort());
    assert.equal((await column(page, 'open-holds', 'amount'))['ops-hold'], '0.25000000');
    assert.equal((await exactColumn(page, 'open-holds', 'amount'))['ops-hold'], '0.250000000000000000');
    assert.match((await column(page, 'open-holds', 'age'))['ops-hold'], /^\d+ s$|^\d+ min$/);
  });
});

test('operations: a parked event is listed with its cause, and its retry asks the ledger to handle it again', async () => {
  // nothing parks in a healthy ledger: the first listing is the one a read model's failure would give (as in
  // DeadLettersTest), the retry and every later listing are the ledger's own
  const parked = {
    parked: 1,
    processing_groups: [{
      processing_group: 'wallets',
      parked: 1,
      events: [{ sequence: 'alice/BTC', event_id: 'e-1', event_type: 'FundsCredited', aggregate_id: 'alice/BTC', aggregate_sequence: 0,
        occurred_at: '2026-12-03T08:00:00Z', cause_type: 'com.mongodb.MongoSocketReadException', cause_message: 'Prematurely reached end of stream',
        parked_at: '2026-12-03T08:00:01Z', last_tried: '2026-12-03T08:00:01Z' }],
    }],
  };
  const session = await openPages(browser, ledger.baseUrl, { page: 'wallet' });
  try {
    const { page } = session;
    let listings = 0;
    await page.route('**/api/admin/dead-letters', async (route) => {
      listings += 1;
      if (listings === 1) await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(parked) });
      else await route.continue();
    });
    await page.goto(`${ledger.baseUrl}/#/operations`);
    await settled(page, 'operations');
    const group = '[data-testid=parked-group][data-key=wallets]';
    assert.match(await page.textContent(group), /wallets: 1 parked/);
    assert.equal(await page.textContent(`${group} [data-testid=event-type]`), 'FundsCredited');
    assert.match(await page.textContent(`${group} [data-testid=cause]`), /MongoSocketReadException: Prematurely reached end of stream/);
    await screenshot(page, 'operations');

    const retried = page.waitForResponse((response) => response.url().endsWith('/api/admin/dead-letters/wallets/retry'));
    await page.click(`${group} [data-testid=retry]`);
    assert.equal((await retried).status(), 200);
    await page.waitForSelector('[data-testid=retry-done]');
    assert.equal(await page.textContent('[data-testid=retry-done]'), 'wallets: 0 sequence(s) retried, 0 cleared, 0 event(s) still parked.');
    assert.equal(await page.textContent('[data-testid=parked] [data-testid=empty]'), 'No events are parked: every read model handled every event.');
    assert.equal(listings, 2, 'the listing is read again after the retry');
    assert.deepEqual(session.scriptErrors, []);
  } finally {
    await session.context.close();
  }
});

test('operations: an auditor sees the reconciliation, figures and holds, not the parked events; a reader none', async () => {
  await withPage('operations', { key: AUDIT_KEY }, async (page) => {
    assert.match(await page.textContent('[data-testid=reconciliation-verdict]'), /^Clean/);
    assert.ok((await page.$$('[data-testid=processor-lag] tbody tr')).length > 0);
    assert.ok((await page.$$('[data-testid=open-holds] tbody tr')).length > 0);
    assert.equal(await page.textContent('[data-testid=parked] [data-testid=error-code]'), 'FORBIDDEN');
  });
  await withPage('operations', { key: READ_KEY }, async (page) => {
    for (const part of ['reconciliation', 'processors', 'parked', 'holds']) {
      assert.equal(await page.textContent(`[data-testid=${part}] [data-testid=error-code]`), 'FORBIDDEN', part);
    }
  });
});
