// The pages' entry: the session form in the header, and a hash router that renders one page at a time.
import { session } from './pages/session.js';
import { empty, h } from './pages/view.js';

const PAGES = {
  wallet: () => import('./pages/wallet.js'),
  portfolio: () => import('./pages/portfolio.js'),
  allocations: () => import('./pages/allocations.js'),
  savings: () => import('./pages/savings.js'),
  transactions: () => import('./pages/transactions.js'),
  admin: () => import('./pages/admin.js'),
  operations: () => import('./pages/operations.js'),
};
// pages about one user; the admin and operations pages are about the whole ledger
const NEEDS_USER = new Set(['wallet', 'portfolio', 'allocations', 'savings', 'transactions']);

const main = document.getElementById('page');
const keyInput = document.getElementById('api-key');
const userInput = document.getElementById('user-id');

function currentPage() {
  const name = location.hash.replace(/^#\/?/, '');
  return Object.hasOwn(PAGES, name) ? name : 'wallet';
}

async function route() {
  const name = currentPage();
  for (const link of document.querySelectorAll('nav.tabs a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // each render gets its own container: an answer that arrives after the person moved on lands in a detached node
  const root = h('section', { 'data-page': name });
  main.replaceChildren(root);
  if (!session.apiKey()) {
    root.append(empty('Paste an API key in the header (Authorization: Bearer …) and press Show.'));
  } else if (NEEDS_USER.has(name) && !session.userId()) {
    root.append(empty('Type a user id in the header and press Show.'));
  } else {
    const page = await PAGES[name]();
    await page.render(root, { userId: session.userId() });
  }
  // the first answer is on screen (data, empty or error): what a test, or a screen reader, can wait for
  root.dataset.ready = 'true';
}

document.getElementById('session').addEventListener('submit', (event) => {
  event.preventDefault();
  session.save(keyInput.value.trim(), userInput.value.trim());
  route();
});
document.getElementById('forget-key').addEventListener('click', () => {
  session.forgetKey();
  keyInput.value = '';
  route();
});
window.addEventListener('hashchange', route);
// an amount is shown grouped and trimmed; copying it (a selection inside one amount) copies the ledger's exact string
document.addEventListener('copy', (event) => {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || !event.clipboardData) return;
  const within = (node) => (node instanceof Element ? node : node?.parentElement)?.closest('.amount[data-exact]');
  const figure = within(selection.anchorNode);
  if (figure && figure === within(selection.focusNode)) {
    event.clipboardData.setData('text/plain', figure.dataset.exact);
    event.preventDefault();
  }
});

keyInput.value = session.apiKey();
userInput.value = session.userId();
route();
