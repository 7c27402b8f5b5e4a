import { loadWallet } from './balances.js';
import { amount, figure, h, heading, loading, table } from './view.js';

/** Wallet: per currency the available, locked, savings and total balances and their USD value. */
export async function render(root, { userId }) {
  root.append(...heading(`Wallet — ${userId}`, 'Balances per currency, as the ledger holds them. Locked: held for pending withdrawals and trades.'));
  const state = root.appendChild(loading('balances'));
  const wallet = await loadWallet(state, userId, `${userId} has no balances yet.`);
  if (!wallet) {
    return;
  }
  state.replaceWith(
    h('div', { class: 'figures' }, figure('Total value (USD)', amount(wallet.total_usd, 'USD'), 'wallet-total-usd')),
    table([
      { label: 'Currency', value: (b) => b.currency, testid: 'currency' },
      { label: 'Available', value: (b) => amount(b.available_balance, b.currency), numeric: true, testid: 'available' },
      { label: 'Locked', value: (b) => amount(b.locked_balance, b.currency), numeric: true, testid: 'locked' },
      { label: 'Savings', value: (b) => amount(b.savings_balance, b.currency), numeric: true, testid: 'savings' },
      { label: 'Total', value: (b) => amount(b.total_balance, b.currency), numeric: true, testid: 'total' },
      { label: 'USD price', value: (b) => amount(b.usd_price, 'USD'), numeric: true, testid: 'usd-price' },
      { label: 'USD value', value: (b) => amount(b.usd_value, 'USD'), numeric: true, testid: 'usd-value' },
    ], wallet.balances, {
      testid: 'balances',
      rowTestid: 'balance-row',
      rowKey: (b) => b.currency,
      footer: [h('td', { colspan: 6 }, 'Total USD'), h('td', { class: 'num' }, amount(wallet.total_usd, 'USD'))],
    }),
  );
}
