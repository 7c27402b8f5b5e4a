import { session } from './session.js';

/**
 * A refusal of the ledger (its problem+json `code` and `detail`), or a failure to reach it at all. `fromLedger` says
 * the answer is the ledger's own problem: a proxy in front (nginx) answers a 502 or 504 of its own when the ledger is
 * slow or restarting, and that says nothing about whether the ledger acted.
 */
export class ApiProblem extends Error {
  constructor(status, code, detail, { fromLedger = false } = {}) {
    super(`${code}: ${detail}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fromLedger = fromLedger;
  }

  /**
   * Whether the request may have taken effect without the page learning its outcome: no answer at all, any 5xx
   * (a proxy's 502/504, or the ledger's own failure), or a 4xx that is not the ledger's problem+json. Only a 2xx or
   * the ledger's own refusal is definitive.
   */
  get outcomeUnknown() {
    return this.code === 'NETWORK_ERROR' || this.status >= 500 || (this.status >= 400 && !this.fromLedger);
  }
}

/**
 * Calls the ledger with the session's key. Answers the parsed JSON; amounts in it stay strings, exactly as the ledger
 * wrote them, because the pages never turn them into numbers for display.
 */
export async function api(path, { method = 'GET', body } = {}) {
  const key = session.apiKey();
  if (!key) {
    throw new ApiProblem(0, 'NO_API_KEY', 'Paste an API key in the header and press Show.');
  }
  const headers = { Authorization: `Bearer ${key}`, Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (failure) {
    throw new ApiProblem(0, 'NETWORK_ERROR', `The ledger could not be reached (${failure.message}).`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const fromLedger = (response.headers.get('Content-Type') ?? '').startsWith('application/problem+json')
      && typeof json?.code === 'string';
    throw new ApiProblem(response.status, fromLedger ? json.code : `HTTP_${response.status}`,
      (fromLedger ? json.detail : null) ?? (response.statusText || 'the ledger refused the request'), { fromLedger });
  }
  return json;
}

/** A path segment as the ledger expects it, whatever the person typed. */
export const segment = (value) => encodeURIComponent(value);

/**
 * A fresh operation id for a money-moving command. Built from getRandomValues rather than randomUUID because
 * randomUUID exists only in secure contexts, and the pages may be opened over plain http on a LAN host.
 */
export function newOperationId(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
