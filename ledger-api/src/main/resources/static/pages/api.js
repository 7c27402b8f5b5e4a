import { session } from './session.js';

/** A refusal of the ledger (its problem+json `code` and `detail`), or a failure to reach it at all. */
export class ApiProblem extends Error {
  constructor(status, code, detail) {
    super(`${code}: ${detail}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
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
    throw new ApiProblem(response.status, json?.code ?? `HTTP_${response.status}`,
      json?.detail ?? (response.statusText || 'the ledger refused the request'));
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
