import { api, segment } from './api.js';
import { amount, empty, h, heading, loading, problem, table } from './view.js';

const TYPES = ['credit', 'debit', 'lock', 'unlock', 'release', 'to_savings', 'from_savings', 'transfer_out', 'transfer_in', 'transfer_returned'];
const PAGE_SIZE = 20;

/** Transaction history: newest first, a page at a time with the ledger's cursor, filtered by currency and type. */
export async function render(root, { userId }) {
  root.append(...heading(`Transactions — ${userId}`, 'Every movement of the user\'s wallets, newest first.'));
  const currency = h('select', { name: 'currency', 'data-testid': 'filter-currency' }, h('option', { value: '' }, 'All currencies'));
  const type = h('select', { name: 'type', 'data-testid': 'filter-type' }, h('option', { value: '' }, 'All types'),
    TYPES.map((t) => h('option', { value: t }, t)));
  const results = h('div', {});
  root.append(h('form', { class: 'filters', 'data-testid': 'transaction-filters', onsubmit: (event) => { event.preventDefault(); firstPage(); } },
    h('label', {}, 'Currency', currency),
    h('label', {}, 'Type', type),
    h('button', { type: 'submit' }, 'Filter')), results);
  currency.addEventListener('change', () => firstPage());
  type.addEventListener('change', () => firstPage());

  // the cursors of the pages before the current one, so "Newer" can go back: the ledger's cursor only goes forward
  let earlier = [];
  let current = null;

  const firstPage = () => {
    earlier = [];
    return show(null);
  };

  async function show(cursor) {
    current = cursor;
    results.replaceChildren(loading('transactions'));
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (currency.value) query.set('currency', currency.value);
    if (type.value) query.set('type', type.value);
    if (cursor) query.set('cursor', cursor);
    let page;
    try {
      page = await api(`/api/wallets/transactions/${segment(userId)}?${query}`);
    } catch (failure) {
      results.replaceChildren(problem(failure));
      return;
    }
    if (page.items.length === 0) {
      results.replaceChildren(empty(currency.value || type.value ? 'No transactions match these filters.' : `${userId} has no transactions yet.`));
      return;
    }
    const newer = h('button', { type: 'button', class: 'secondary', 'data-testid': 'page-newer', disabled: earlier.length === 0,
      onclick: () => show(earlier.pop()) }, '← Newer');
    const older = h('button', { type: 'button', class: 'secondary', 'data-testid': 'page-older', disabled: !page.next_cursor,
      onclick: () => { earlier.push(current); show(page.next_cursor); } }, 'Older →');
    results.replaceChildren(table([
      { label: 'When', value: (t) => t.created_at, testid: 'created-at' },
      { label: 'Type', value: (t) => t.type, testid: 'type' },
      { label: 'Currency', value: (t) => t.currency, testid: 'currency' },
      { label: 'Direction', value: (t) => t.direction, testid: 'direction' },
      { label: 'Amount', value: (t) => amount(t.amount, t.currency), numeric: true, testid: 'amount' },
      { label: 'Available after', value: (t) => amount(t.available_after, t.currency), numeric: true },
      { label: 'Locked after', value: (t) => amount(t.locked_after, t.currency), numeric: true },
      { label: 'Savings after', value: (t) => amount(t.savings_after, t.currency), numeric: true },
      { label: 'Operation', value: (t) => t.operation_id, testid: 'operation-id' },
    ], page.items, { testid: 'transactions', rowTestid: 'transaction-row', rowKey: (t) => t.id }),
    h('div', { class: 'pager' }, newer, h('span', { 'data-testid': 'page-number' }, `Page ${earlier.length + 1}`), older));
  }

  // the currency filter offers the currencies the user holds; without them the history still shows, unfiltered
  try {
    const wallet = await api(`/api/wallets/balances/${segment(userId)}`);
    currency.append(...wallet.balances.map((b) => h('option', { value: b.currency }, b.currency)));
  } catch {
    // the history request below shows the problem, if there is one
  }
  await firstPage();
}
