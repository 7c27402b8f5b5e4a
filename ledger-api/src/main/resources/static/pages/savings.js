import { api, newOperationId } from './api.js';
import { loadWallet } from './balances.js';
import { amount, h, heading, loading, problem, table } from './view.js';

/**
 * A move whose outcome is unknown — no answer (network failure), or an answer that is not the ledger's own (a proxy's
 * 502 or 504, any 5xx): it may have moved the funds, so sending the same move again must reuse its operation id, and
 * the ledger then applies it at most once. Only a definitive answer ends it: a 2xx, or the ledger's own refusal.
 */
let unanswered = null;

function operationIdFor(move) {
  const sameMove = unanswered && JSON.stringify(unanswered.move) === JSON.stringify(move);
  return sameMove ? unanswered.operationId : newOperationId('savings');
}

/** Savings: move funds between a wallet's available balance and its savings. */
export async function render(root, { userId }) {
  root.append(...heading(`Savings — ${userId}`, 'Move funds between the available balance and savings. Each move is sent once, with its own operation id.'));
  const state = root.appendChild(loading('balances'));
  const wallet = await loadWallet(state, userId, `${userId} has no balances to move yet.`);
  if (!wallet) {
    return;
  }
  const balances = new Map(wallet.balances.map((b) => [b.currency, b]));
  const tableSlot = h('div', {});
  const showBalances = () => tableSlot.replaceChildren(table([
    { label: 'Currency', value: (b) => b.currency, testid: 'currency' },
    { label: 'Available', value: (b) => amount(b.available_balance, b.currency), numeric: true, testid: 'available' },
    { label: 'Savings', value: (b) => amount(b.savings_balance, b.currency), numeric: true, testid: 'savings' },
    { label: 'Total', value: (b) => amount(b.total_balance, b.currency), numeric: true, testid: 'total' },
  ], [...balances.values()], { testid: 'savings-balances', rowTestid: 'savings-row', rowKey: (b) => b.currency }));
  showBalances();

  const outcome = h('div', { 'data-testid': 'savings-outcome' });
  const currency = h('select', { name: 'currency', 'data-testid': 'savings-currency' },
    [...balances.keys()].map((code) => h('option', { value: code }, code)));
  const amountInput = h('input', { name: 'amount', type: 'text', inputmode: 'decimal', placeholder: '0.5', required: true, 'data-testid': 'savings-amount' });
  const buttons = [];

  async function move(direction) {
    const request = { user_id: userId, currency: currency.value, amount: amountInput.value.trim(), direction };
    const operationId = operationIdFor(request);
    buttons.forEach((b) => { b.disabled = true; });
    outcome.replaceChildren(loading('the move'));
    try {
      const written = await api('/api/savings/transfers', { method: 'POST', body: { operation_id: operationId, ...request } });
      unanswered = null;
      // the command answers the balances as written: shown at once, with no stale read of the projection
      balances.set(written.currency, { ...balances.get(written.currency), ...written });
      showBalances();
      outcome.replaceChildren(h('div', { class: 'notice ok', role: 'status', 'data-testid': 'savings-done' },
        `${direction === 'to_savings' ? 'Moved to savings' : 'Moved out of savings'}: ${request.amount} ${written.currency} `
        + `(operation ${written.operation_id}). Available `, amount(written.available_balance, written.currency),
        ', savings ', amount(written.savings_balance, written.currency), '.'));
      amountInput.value = '';
    } catch (failure) {
      unanswered = failure.outcomeUnknown ? { move: request, operationId } : null;
      outcome.replaceChildren(problem(failure));
      if (unanswered) {
        outcome.append(h('div', { class: 'notice', role: 'status', 'data-testid': 'savings-unknown' },
          `The ledger's answer did not arrive, so this move may have happened. Pressing the same move again retries it `
          + `with the same operation id (${operationId}): it is applied at most once.`));
      }
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  const form = h('form', { class: 'filters card', 'data-testid': 'savings-form', onsubmit: (event) => event.preventDefault() },
    h('label', {}, 'Currency', currency),
    h('label', {}, 'Amount', amountInput));
  for (const [direction, label, style] of [['to_savings', 'Move to savings', null], ['from_savings', 'Move out of savings', 'secondary']]) {
    const button = h('button', { type: 'button', class: style, 'data-testid': direction, onclick: () => move(direction) }, label);
    buttons.push(button);
    form.append(button);
  }
  state.replaceWith(form, outcome, tableSlot);
}
