import { api, segment } from './api.js';
import { amount, empty, h, heading, loading, problem, table } from './view.js';

const HOLDS_SHOWN = 100;
const AGE_BUCKETS = [['lt_1h', 'under 1 h'], ['1h_24h', '1 h – 24 h'], ['gt_24h', 'over 24 h']];

/**
 * Operations: what the deployment plan has an operator watch, on one page. Each part asks its own endpoint and shows
 * its own loading, empty or error state, so a key with only one of the two scopes still sees its half: the
 * reconciliation and the open holds need ledger:audit, the parked events and their retry ledger:admin, the sampled
 * figures (lag, flows in flight) either.
 */
export async function render(root) {
  root.append(...heading('Operations', 'The reconciliation, the read side\'s lag and parked events, open holds and flows in flight. Needs a key with ledger:audit or ledger:admin.'));
  const parts = [
    part('Reconciliation', 'reconciliation', 'Replays every event and checks that each currency sums to zero (ledger:audit).', reconciliation),
    part('Event processors', 'processors', 'How far each read model and policy is behind the store, sampled every few seconds (ledger:audit or ledger:admin).', processors),
    part('Parked events', 'parked', 'Events a read model could not handle, per processing group; a retry handles them again (ledger:admin).', parkedEvents),
    part('Open holds', 'holds', 'Funds locked for withdrawals and trades, oldest first (ledger:audit).', openHolds),
  ];
  root.append(...parts.map((p) => p.element));
  await Promise.all(parts.map((p) => p.load()));
}

/** A card with a title, a note, a reload button and a body that one loader fills. */
function part(title, testid, note, fill) {
  const body = h('div', {});
  const reload = h('button', { type: 'button', class: 'secondary', 'data-testid': `${testid}-reload` }, 'Reload');
  const element = h('section', { class: 'card', 'data-testid': testid },
    h('div', { class: 'card-head' }, h('h3', {}, title), reload),
    h('p', { class: 'hint' }, note), body);
  const load = async () => {
    reload.disabled = true;
    try {
      await fill(body, load);
    } catch (failure) {
      body.replaceChildren(problem(failure));
    } finally {
      reload.disabled = false;
      element.dataset.ready = 'true';
    }
  };
  reload.addEventListener('click', () => load());
  return { element, load };
}

async function reconciliation(body) {
  body.replaceChildren(loading('the reconciliation (a replay of every event)'));
  const report = await api('/api/audit/reconciliation');
  const findings = [
    ['negative balances', report.negative_balances.length],
    ['stuck holds', report.stuck_holds.length],
    ['wallet differences', report.wallet_differences.length],
    ['recorded mismatches', report.recorded_mismatches.length],
    ['parked events', Object.values(report.parked_events).reduce((sum, n) => sum + n, 0)],
  ];
  const verdict = h('p', { class: report.clean ? 'verdict match' : 'verdict mismatch', 'data-testid': 'reconciliation-verdict' },
    report.clean ? 'Clean' : 'Not clean',
    h('span', { class: 'hint' }, ` — ${report.events_read.toLocaleString('en')} events read at ${report.generated_at}; `
      + findings.map(([what, count]) => `${count} ${what}`).join(', ')));
  if (report.currencies.length === 0) {
    body.replaceChildren(verdict, empty('No currency has moved yet.'));
    return;
  }
  body.replaceChildren(verdict, table([
    { label: 'Currency', value: (c) => c.currency, testid: 'currency' },
    { label: 'Users', value: (c) => amount(c.user_total, c.currency), numeric: true, testid: 'user-total' },
    { label: 'System accounts', value: (c) => amount(c.system_total, c.currency), numeric: true, testid: 'system-total' },
    { label: 'In transit', value: (c) => amount(c.in_flight, c.currency), numeric: true, testid: 'in-flight' },
    { label: 'Sum', value: (c) => amount(c.sum, c.currency), numeric: true, testid: 'sum' },
    { label: 'Verdict', value: (c) => h('span', { class: c.zero_sum ? 'match' : 'mismatch' }, c.zero_sum ? 'sums to zero' : 'does not sum to zero'), testid: 'zero-sum' },
  ], report.currencies, { testid: 'reconciliation-currencies', rowTestid: 'currency-row', rowKey: (c) => c.currency }));
}

async function processors(body) {
  body.replaceChildren(loading('the sampled figures'));
  const figures = await api('/api/admin/operations');
  const last = figures.last_reconciliation;
  const counts = (entries, testid) => h('ul', { class: 'counts', 'data-testid': testid },
    entries.map(([key, label, value]) => h('li', { 'data-key': key }, h('span', { class: 'count' }, value.toLocaleString('en')), ` ${label}`)));
  const flows = Object.entries(figures.flows_in_flight).map(([kind, n]) => [kind, kind.replaceAll('_', ' '), n]);
  body.replaceChildren(
    h('p', { class: 'hint', 'data-testid': 'sampled-at' }, figures.sampled_at ? `Sampled at ${figures.sampled_at}.` : 'Not sampled yet: the first sample is taken within seconds of the start.'),
    table([
      { label: 'Processor', value: (p) => p.name, testid: 'name' },
      { label: 'Lag (events)', value: (p) => p.lag_events.toLocaleString('en'), numeric: true, testid: 'lag-events' },
      { label: 'Lag (seconds)', value: (p) => p.lag_seconds.toFixed(1), numeric: true, testid: 'lag-seconds' },
      { label: 'Parked events', value: (p) => h('span', { class: p.parked > 0 ? 'mismatch' : null }, String(p.parked)), numeric: true, testid: 'parked' },
    ], figures.processors, { testid: 'processor-lag', rowTestid: 'processor-row', rowKey: (p) => p.name }),
    h('div', { class: 'columns' },
      h('div', {}, h('h4', {}, 'Flows in flight'),
        counts([...flows, ['transfers', 'transfers between wallets', figures.transfers_in_flight]], 'flows-in-flight')),
      h('div', {}, h('h4', {}, 'Open holds by age'),
        counts(AGE_BUCKETS.map(([key, label]) => [key, label, figures.open_holds_by_age[key] ?? 0]), 'holds-by-age')),
      h('div', {}, h('h4', {}, 'Scheduled reconciliation'),
        h('p', { 'data-testid': 'scheduled-reconciliation' }, last.verdict,
          last.ran_at ? ` at ${last.ran_at} (${last.events_read.toLocaleString('en')} events)` : '',
          last.problem ? h('span', { class: 'mismatch' }, `: ${last.problem}`) : ''))));
}

async function parkedEvents(body, reload) {
  body.replaceChildren(loading('parked events'));
  const listing = await api('/api/admin/dead-letters');
  const outcome = h('div', { 'data-testid': 'retry-outcome' });
  const groups = listing.processing_groups.filter((g) => g.parked > 0);
  if (groups.length === 0) {
    body.replaceChildren(outcome, empty('No events are parked: every read model handled every event.'));
    return;
  }
  body.replaceChildren(outcome, ...groups.map((group) => {
    const retry = h('button', { type: 'button', 'data-testid': 'retry' }, `Retry ${group.processing_group}`);
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      try {
        const retried = await api(`/api/admin/dead-letters/${segment(group.processing_group)}/retry`, { method: 'POST' });
        await reload();
        // after the reload, which replaced the body: the outcome goes above the fresh listing
        body.prepend(h('div', { class: 'notice ok', role: 'status', 'data-testid': 'retry-done' },
          `${retried.processing_group}: ${retried.sequences_retried} sequence(s) retried, ${retried.sequences_cleared} cleared, `
          + `${retried.still_parked} event(s) still parked.`));
      } catch (failure) {
        outcome.replaceChildren(problem(failure));
        retry.disabled = false;
      }
    });
    const shown = group.events.length < group.parked ? ` (the first ${group.events.length} listed)` : '';
    return h('div', { class: 'parked-group', 'data-testid': 'parked-group', 'data-key': group.processing_group },
      h('div', { class: 'card-head' }, h('h4', {}, `${group.processing_group}: ${group.parked} parked${shown}`), retry),
      table([
        { label: 'Parked at', value: (e) => e.parked_at ?? '' },
        { label: 'Event', value: (e) => e.event_type ?? '', testid: 'event-type' },
        { label: 'Aggregate', value: (e) => (e.aggregate_id ? `${e.aggregate_id} #${e.aggregate_sequence}` : '') },
        { label: 'Cause', value: (e) => [e.cause_type ?? '', e.cause_message ? `: ${e.cause_message}` : ''], testid: 'cause' },
      ], group.events, { rowTestid: 'parked-event', rowKey: (e) => e.event_id }));
  }));
}

async function openHolds(body) {
  body.replaceChildren(loading('open holds'));
  const holds = await api('/api/audit/holds');
  if (holds.length === 0) {
    body.replaceChildren(empty('No funds are held.'));
    return;
  }
  const shown = holds.slice(0, HOLDS_SHOWN);
  body.replaceChildren(
    holds.length > shown.length ? h('p', { class: 'hint' }, `The ${shown.length} oldest of ${holds.length} open holds.`) : '',
    table([
      { label: 'Locked at', value: (x) => x.locked_at, testid: 'locked-at' },
      { label: 'Age', value: (x) => age(x.age_seconds), testid: 'age' },
      { label: 'User', value: (x) => x.user_id, testid: 'user-id' },
      { label: 'Currency', value: (x) => x.currency, testid: 'currency' },
      { label: 'Amount', value: (x) => amount(x.amount, x.currency), numeric: true, testid: 'amount' },
      { label: 'Hold', value: (x) => x.hold_id, testid: 'hold-id' },
      { label: 'Reason', value: (x) => x.reason ?? '' },
    ], shown, { testid: 'open-holds', rowTestid: 'hold-row', rowKey: (x) => x.hold_id }));
}

/** An age in the largest units that keep it short: "42 s", "5 min", "3 h 20 min", "2 d 4 h". */
export function age(seconds) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
