import { api, segment } from './api.js';
import { isZero, sumDecimals } from './decimal.js';
import { amount, empty, h, heading, loading, problem, svg, table } from './view.js';

const COLOURS = ['#1f5fbf', '#e0862b', '#17803d', '#b42318', '#7a4fc4', '#0f8a8a', '#c4478f', '#6b7a8f', '#a68a0d', '#3d9be0'];
const colourOf = (index) => COLOURS[index % COLOURS.length];

/**
 * Allocations: each asset's share of the portfolio, as a donut chart and as the percentages the ledger computed.
 * The percentages are shown exactly as given: the ledger already assigns the hundredths by largest remainder so they
 * add up to exactly 100.00, and re-rounding them here could break that. Only the chart's geometry uses floats.
 */
export async function render(root, { userId }) {
  root.append(...heading(`Allocations — ${userId}`, 'Each asset\'s share of the portfolio\'s USD value.'));
  const state = root.appendChild(loading('allocations'));
  let portfolio;
  try {
    portfolio = await api(`/api/wallets/portfolio/${segment(userId)}`);
  } catch (failure) {
    state.replaceWith(problem(failure));
    return;
  }
  if (portfolio.assets.length === 0 || isZero(portfolio.total_usd)) {
    state.replaceWith(empty(`${userId} has nothing priced to allocate yet.`));
    return;
  }
  const assets = portfolio.assets;
  const percentages = assets.map((a) => a.allocation_pct);
  state.replaceWith(h('div', { class: 'allocations' },
    donut(assets),
    table([
      { label: 'Asset', value: (a) => [h('span', { class: 'swatch', style: `background:${colourOf(assets.indexOf(a))}` }), a.currency], testid: 'currency' },
      { label: 'USD value', value: (a) => amount(a.usd_value, 'USD'), numeric: true, testid: 'usd-value' },
      { label: 'Allocation %', value: (a) => a.allocation_pct, numeric: true, testid: 'allocation-pct' },
    ], assets, {
      testid: 'allocations',
      rowTestid: 'allocation-row',
      rowKey: (a) => a.currency,
      footer: [h('td', {}, 'Total'), h('td', { class: 'num' }, amount(portfolio.total_usd, 'USD')),
        h('td', { class: 'num', 'data-testid': 'allocation-sum' }, sumDecimals(percentages))],
    })));
}

/** A donut: one arc per asset, its sweep proportional to the asset's percentage. */
function donut(assets) {
  const radius = 100;
  const width = 40;
  const chart = svg('svg', { viewBox: '-140 -140 280 280', role: 'img', 'aria-label': 'Allocation chart', 'data-testid': 'allocation-chart' });
  const shares = assets.map((a) => Number(a.allocation_pct) / 100);
  let start = -Math.PI / 2;
  shares.forEach((share, index) => {
    if (share <= 0) return;
    const title = svg('title', {});
    title.textContent = `${assets[index].currency}: ${assets[index].allocation_pct}%`;
    const style = { fill: 'none', stroke: colourOf(index), 'stroke-width': width, 'data-currency': assets[index].currency };
    if (share >= 0.99999) {
      // one asset holds everything: an arc from a point to itself draws nothing, so a full ring instead
      chart.append(svg('circle', { cx: 0, cy: 0, r: radius, ...style }, title));
      return;
    }
    const end = start + share * 2 * Math.PI;
    const large = end - start > Math.PI ? 1 : 0;
    const from = [radius * Math.cos(start), radius * Math.sin(start)];
    const to = [radius * Math.cos(end), radius * Math.sin(end)];
    chart.append(svg('path', { d: `M ${from[0]} ${from[1]} A ${radius} ${radius} 0 ${large} 1 ${to[0]} ${to[1]}`, ...style }, title));
    start = end;
  });
  const label = svg('text', { x: 0, y: 6, 'text-anchor': 'middle', 'font-size': 16, fill: '#1d2433' });
  label.textContent = `${assets.length} asset${assets.length === 1 ? '' : 's'}`;
  chart.append(label);
  return chart;
}
