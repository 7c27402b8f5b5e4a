import { api, segment } from './api.js';
import { loadWallet } from './balances.js';
import { verifyProof } from './liabilities.js';
import { amount, figure, h, heading, loading, problem, table } from './view.js';

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
    proofOfLiabilities(userId, wallet.balances.map((b) => b.currency)),
  );
}

/**
 * Checks the user's proof of liabilities (ADR 0015) in the browser: the proof comes from the ledger, the root and
 * total from the auditors' publication, typed or pasted here, never taken from the proof itself.
 */
function proofOfLiabilities(userId, currencies) {
  const currency = h('select', { 'data-testid': 'proof-currency', 'aria-label': 'Currency' },
    currencies.map((code) => h('option', { value: code }, code)));
  const root = h('input', { 'data-testid': 'proof-root', 'aria-label': 'Published root hash', placeholder: 'published root hash (64 hex digits)', size: 66, maxlength: 64, spellcheck: 'false' });
  const total = h('input', { 'data-testid': 'proof-total', 'aria-label': 'Published total', placeholder: 'published total', maxlength: 120 });
  const result = h('div', { 'data-testid': 'proof-result', role: 'status' });
  async function check(event) {
    event.preventDefault();
    result.replaceChildren('Checking…');
    delete result.dataset.valid;
    let proof;
    try {
      proof = await api(`/api/wallets/liabilities-proof/${segment(userId)}/${segment(currency.value)}`);
    } catch (failure) {
      result.replaceChildren(problem(failure));
      result.dataset.valid = 'false';
      return;
    }
    const verdict = await verifyProof(proof, root.value, total.value);
    result.dataset.valid = String(verdict.valid);
    result.replaceChildren(verdict.valid
      ? h('div', { class: 'state' }, 'Included: ', amount(proof.balance, proof.currency), ` ${proof.currency} of ${proof.user_id} is in the published root `,
        h('code', {}, proof.root_hash.slice(0, 16) + '…'), ', total ', amount(proof.total, proof.currency),
        ` (position ${proof.position}, built ${proof.built_at}, ${proof.leaf_count} accounts).`)
      : h('div', { class: 'state error', role: 'alert' }, `Not included: ${verdict.reason}`));
  }
  return h('section', { 'data-testid': 'proof-of-liabilities' },
    h('h3', {}, 'Proof of liabilities'),
    h('p', { class: 'subtitle' }, 'Check that your balance is counted in the total the auditors published: paste their root hash and total.'),
    h('form', { onsubmit: check }, currency, ' ', root, ' ', total, ' ', h('button', { type: 'submit', 'data-testid': 'proof-verify' }, 'Verify')),
    result);
}
