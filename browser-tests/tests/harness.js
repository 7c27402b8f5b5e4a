// Starts the service jar on a free port with a fresh data directory, and drives headless Chromium against it.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repository = resolve(here, '..', '..');
export const screenshots = join(repository, 'docs', 'screenshots');

// keys of the test run: one with every scope (a person at the exchange), one that can only read (to see a 403), one
// of an auditor (ledger:audit alone: half of the operations page)
export const ADMIN_KEY = 'browser-tests-admin-key-0123456789';
export const READ_KEY = 'browser-tests-read-key-0123456789';
export const AUDIT_KEY = 'browser-tests-audit-key-0123456789';

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** The service jar, running until stop(): its base URL and a JSON client with the admin key. */
export async function startLedger() {
  const jar = process.env.LEDGER_JAR ?? join(repository, 'ledger-api', 'target', 'ledger-api.jar');
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-browser-tests-'));
  const port = await freePort();
  const logFile = join(dataDir, 'service.log');
  const log = createWriteStream(logFile);
  const env = {
    ...process.env,
    LEDGER_DATA_DIR: join(dataDir, 'store'),
    SERVER_PORT: String(port),
    LEDGER_API_KEYS: `${ADMIN_KEY}=ledger:write,ledger:read,ledger:admin,ledger:audit;${READ_KEY}=ledger:read;${AUDIT_KEY}=ledger:audit`,
    // the operations page shows the sampled figures: sampled every second, a test sees them follow its commands
    LEDGER_METRICS_SAMPLE_INTERVAL: '1s',
    IS_STAGING: 'true',
  };
  delete env.MONGO_URL;
  const service = spawn('java', ['-Xmx512m', '-jar', jar], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  service.stdout.pipe(log);
  service.stderr.pipe(log);
  let exited = null;
  service.on('exit', (code) => { exited = code; });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`the service exited with ${exited} before it was healthy:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
    }
    try {
      const health = await fetch(`${baseUrl}/actuator/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      service.kill('SIGKILL');
      throw new Error(`the service was not healthy within 180 s:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  async function call(method, path, body, key = ADMIN_KEY) {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return json;
  }

  return {
    baseUrl,
    get: (path, key) => call('GET', path, undefined, key),
    post: (path, body) => call('POST', path, body),
    async stop() {
      if (exited === null) {
        const gone = new Promise((r) => service.once('exit', r));
        service.kill('SIGTERM');
        const timer = setTimeout(() => service.kill('SIGKILL'), 15_000);
        await gone;
        clearTimeout(timer);
      }
      log.end();
      if (!process.env.KEEP_LEDGER_DATA) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium: Debian's build, as CI installs it (no browser download). */
export async function startBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * A fresh tab with the session filled in the way a person does it: key and user id typed into the header.
 * Script errors on the page are collected so each test can require there were none.
 */
export async function openPages(browser, baseUrl, { key = ADMIN_KEY, userId = 'alice', page: name = 'wallet' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const scriptErrors = [];
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  await page.goto(`${baseUrl}/#/${name}`);
  await page.fill('#api-key', key);
  await page.fill('#user-id', userId);
  await page.click('#session button[type=submit]');
  return { context, page, scriptErrors };
}

/** Waits until the page shows its first answer (data, empty or error state). */
export async function settled(page, name) {
  await page.waitForSelector(`main section[data-page=${name}][data-ready=true]`, { timeout: 15_000 });
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Retries a check until it holds: the read side follows a command within milliseconds, not at once. */
export async function eventually(check, { timeoutMs = 10_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (failure) {
      if (Date.now() > deadline) throw failure;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** The texts of a column in a table's body rows, keyed by each row's data-key. */
export async function column(page, tableTestid, cellTestid) {
  return page.$$eval(`[data-testid=${tableTestid}] tbody tr`, (rows, testid) => Object.fromEntries(rows.map((row) =>
    [row.dataset.key, row.querySelector(`[data-testid=${testid}]`)?.textContent ?? null])), cellTestid);
}

/** Like column, but each amount's exact value (data-exact, what its title shows and a copy takes), not its display. */
export async function exactColumn(page, tableTestid, cellTestid) {
  return page.$$eval(`[data-testid=${tableTestid}] tbody tr`, (rows, testid) => Object.fromEntries(rows.map((row) => {
    const cell = row.querySelector(`[data-testid=${testid}]`);
    return [row.dataset.key, cell?.querySelector('[data-exact]')?.dataset.exact ?? cell?.textContent ?? null];
  })), cellTestid);
}

/** The exact value behind an amount shown in the element (its data-exact). */
export async function exactOf(page, selector) {
  return page.$eval(`${selector} [data-exact]`, (element) => element.dataset.exact);
}
