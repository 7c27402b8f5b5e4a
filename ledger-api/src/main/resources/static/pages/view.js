// Small DOM helpers shared by the pages: elements, tables, amounts, and the loading, empty and error states.
import { readableAmount } from './decimal.js';

/** An element with attributes (on* as listeners) and children (strings become text, never HTML). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  element.append(...children);
  return element;
}

export const heading = (title, subtitle) => (subtitle ? [h('h2', {}, title), h('p', { class: 'subtitle' }, subtitle)] : [h('h2', {}, title)]);

export const loading = (what) => h('div', { class: 'state loading', role: 'status', 'data-testid': 'loading' }, `Loading ${what}…`);

export const empty = (text) => h('div', { class: 'state empty', 'data-testid': 'empty' }, text);

/** The ledger's refusal as it gave it: its code and its detail (and the HTTP status when there was one). */
export function problem(failure) {
  const code = failure?.code ?? 'UNEXPECTED';
  const detail = failure?.detail ?? failure?.message ?? String(failure);
  return h('div', { class: 'state error', role: 'alert', 'data-testid': 'error' },
    h('code', { 'data-testid': 'error-code' }, code),
    failure?.status ? ` (HTTP ${failure.status})` : '',
    ': ',
    h('span', { 'data-testid': 'error-detail' }, detail));
}

/**
 * An amount as a person reads it (`readableAmount`: grouped, trailing zeros trimmed to the currency's decimals), the
 * ledger's exact string kept beside it: in the title (shown on hover) and in `data-exact`, which is what a copy of
 * the figure puts on the clipboard (app.js). A missing one (e.g. no price) as a dash.
 */
export function amount(value, currency) {
  if (value === null || value === undefined) return '—';
  const exact = String(value);
  return h('span', { class: 'amount', title: `${exact}${currency ? ` ${currency}` : ''} (exact)`, 'data-exact': exact },
    readableAmount(exact, currency));
}

/**
 * A table. Each column: {label, value(row) → string|Node, numeric?, testid?}. Footer: optional list of cells.
 */
export function table(columns, rows, { testid, rowTestid, rowKey, footer } = {}) {
  const head = h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.numeric ? 'num' : null, scope: 'col' }, c.label))));
  const body = h('tbody', {}, rows.map((row) => h('tr', { 'data-testid': rowTestid, 'data-key': rowKey?.(row) },
    columns.map((c) => h('td', { class: c.numeric ? 'num' : null, 'data-testid': c.testid }, c.value(row))))));
  const foot = footer ? h('tfoot', {}, h('tr', {}, footer)) : null;
  return h('div', { class: 'table-wrap' }, h('table', { 'data-testid': testid }, head, body, foot));
}

export function figure(label, value, testid) {
  return h('div', { class: 'figure' }, h('div', { class: 'label' }, label), h('div', { class: 'value', 'data-testid': testid }, value));
}
