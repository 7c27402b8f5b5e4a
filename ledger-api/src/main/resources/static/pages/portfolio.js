import { api, segment } from './api.js';
import { sameDecimal } from './decimal.js';
import { amount, empty, figure, h, heading, loading, problem, table } from './view.js';

/** Portfolio: the total USD value and each asset's value, checked against the wallet's own total. */
export async function render(root, { userId }) {
  root.append(...heading(`Portfolio — ${userId}`, 'What each asset is worth at the ledger\'s current prices.'));
  const state = root.appendChild(loading('portfolio'));
  let portfolio;
  let wallet;
  try {
    [portfolio, wallet] = await Promise.all([
      api(`/api/wallets/portfolio/${segment(userId)}`),
      api(`/api/wallets/balances/${segment(userId)}`),
    ]);
  } catch (failure) {
    state.replaceWith(problem(failure));
    return;
  }
  if (portfolio.assets.length === 0) {
    state.replaceWith(empty(`${userId} holds no assets yet.`));
    return;
  }
  // The deployment plan's check "portfolio totals match wallet", where a person can see it.
  const matches = sameDecimal(portfolio.total_usd, wallet.total_usd);
  state.replaceWith(
    h('div', { class: 'figures' },
      figure('Portfolio value (USD)', amount(portfolio.total_usd, 'USD'), 'portfolio-total-usd'),
      figure('Assets', String(portfolio.assets.length), 'portfolio-asset-count')),
    h('p', { class: matches ? 'match' : 'mismatch', 'data-testid': 'wallet-match' },
      matches ? ['Matches the wallet total (', amount(wallet.total_usd, 'USD'), ' USD).']
        : ['Differs from the wallet total (', amount(wallet.total_usd, 'USD'), ' USD): the two reads were taken at different moments; reload.']),
    table([
      { label: 'Asset', value: (a) => a.currency, testid: 'currency' },
      { label: 'Total balance', value: (a) => amount(a.total_balance, a.currency), numeric: true, testid: 'total' },
      { label: 'USD price', value: (a) => amount(a.usd_price, 'USD'), numeric: true, testid: 'usd-price' },
      { label: 'USD value', value: (a) => amount(a.usd_value, 'USD'), numeric: true, testid: 'usd-value' },
    ], portfolio.assets, {
      testid: 'assets',
      rowTestid: 'asset-row',
      rowKey: (a) => a.currency,
      footer: [h('td', { colspan: 3 }, 'Total USD'), h('td', { class: 'num' }, amount(portfolio.total_usd, 'USD'))],
    }),
    h('p', { class: 'hint' }, `Priced at ${portfolio.priced_at}.`),
  );
}
