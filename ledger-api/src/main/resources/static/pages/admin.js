import { api, segment } from './api.js';
import { amount, empty, h, heading, loading, problem, table } from './view.js';

/** Admin: the withdrawals waiting for a decision, oldest first, each with approve and reject (scope ledger:admin). */
export async function render(root) {
  root.append(...heading('Pending withdrawals', 'Oldest first. Approving sends the amount out and the fee to fees; rejecting unlocks both. Needs a key with ledger:admin.'));
  const outcome = h('div', { 'data-testid': 'admin-outcome' });
  const list = h('div', {});
  root.append(outcome, list);
  const rows = [];
  let nextCursor = null;

  async function load(cursor) {
    const query = new URLSearchParams({ status: 'pending', limit: '50' });
    if (cursor) query.set('cursor', cursor);
    if (!cursor) list.replaceChildren(loading('pending withdrawals'));
    let page;
    try {
      page = await api(`/api/withdrawals?${query}`);
    } catch (failure) {
      list.replaceChildren(problem(failure));
      return;
    }
    rows.push(...page.items);
    nextCursor = page.next_cursor;
    show();
  }

  function show() {
    if (rows.length === 0) {
      list.replaceChildren(empty('No withdrawals are waiting for a decision.'));
      return;
    }
    list.replaceChildren(table([
      { label: 'Requested', value: (w) => w.requested_at },
      { label: 'Withdrawal', value: (w) => w.withdrawal_id, testid: 'withdrawal-id' },
      { label: 'User', value: (w) => w.user_id, testid: 'user-id' },
      { label: 'Currency', value: (w) => w.currency, testid: 'currency' },
      { label: 'Amount', value: (w) => amount(w.amount, w.currency), numeric: true, testid: 'amount' },
      { label: 'Fee', value: (w) => amount(w.fee, w.currency), numeric: true, testid: 'fee' },
      { label: 'Address', value: (w) => w.address ?? '' },
      { label: 'Decision', value: decision },
    ], rows, { testid: 'pending-withdrawals', rowTestid: 'withdrawal-row', rowKey: (w) => w.withdrawal_id }));
    if (nextCursor) {
      list.append(h('div', { class: 'pager' }, h('button', { type: 'button', class: 'secondary', onclick: () => load(nextCursor) }, 'Load more')));
    }
  }

  function decision(withdrawal) {
    const reason = h('input', { type: 'text', placeholder: 'reason to reject', size: 14, 'data-testid': 'reject-reason' });
    const approve = h('button', { type: 'button', 'data-testid': 'approve' }, 'Approve');
    const reject = h('button', { type: 'button', class: 'danger', 'data-testid': 'reject' }, 'Reject');
    const decide = async (verb, body) => {
      approve.disabled = true;
      reject.disabled = true;
      try {
        const decided = await api(`/api/withdrawals/${segment(withdrawal.withdrawal_id)}/${verb}`, { method: 'POST', body });
        // removed here rather than by reloading: the list is a projection and may not have caught up yet
        rows.splice(rows.indexOf(withdrawal), 1);
        outcome.replaceChildren(h('div', { class: 'notice ok', role: 'status', 'data-testid': 'decision-done' },
          `Withdrawal ${decided.withdrawal_id} ${decided.status}: `, amount(decided.amount, decided.currency), ` ${decided.currency} for ${decided.user_id}.`));
        show();
      } catch (failure) {
        outcome.replaceChildren(problem(failure));
        approve.disabled = false;
        reject.disabled = false;
      }
    };
    approve.addEventListener('click', () => decide('approve', {}));
    reject.addEventListener('click', () => decide('reject', { reason: reason.value.trim() || 'rejected by an admin' }));
    return h('span', { class: 'decision' }, approve, ' ', reject, ' ', reason);
  }

  await load(null);
}
