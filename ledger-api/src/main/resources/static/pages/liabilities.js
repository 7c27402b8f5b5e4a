// Proof of liabilities checked in the browser (docs/adr/0015-proof-of-liabilities.md): the same computation as the
// ledger's ProofVerifier, line by line, with nothing but the proof and the root and total the auditors published.
// No DOM here, so node's test runner checks it against proofs the Java verifier accepts.

const HASH = /^[0-9a-f]{64}$/;
const SALT = /^([0-9a-f]{2}){16,64}$/;
const AMOUNT = /^[0-9]{1,80}(\.[0-9]{1,30})?$/;
const MAX_PATH = 64;
const SUM_BYTES = 32;
const MAX_SUM = (1n << 256n) - 1n;
const encoder = new TextEncoder();

/** An exact amount of 0 or more in the currency's smallest unit, or null when it has more decimals than the currency. */
export function units(amount, decimals) {
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) return null;
  const [whole, fraction = ''] = amount.split('.');
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) return null;
  return BigInt(whole + significant.padEnd(decimals, '0'));
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

function sumBytes(sum) {
  const bytes = new Uint8Array(SUM_BYTES);
  let rest = sum;
  for (let i = SUM_BYTES - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

async function sha256(...parts) {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const data = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    data.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
}

/** Valid, or the first reason it is not: `{valid, reason}`. Never throws for a malformed proof. */
export async function verifyProof(proof, publishedRoot, publishedTotal) {
  if (!globalThis.crypto?.subtle) {
    return { valid: false, reason: 'this browser hashes only on https or localhost (crypto.subtle); use bin/ledger-admin verify-proof' };
  }
  try {
    return await check(proof, String(publishedRoot ?? '').trim().toLowerCase(), String(publishedTotal ?? '').trim());
  } catch (failure) {
    return { valid: false, reason: `malformed proof: ${failure.message}` };
  }
}

async function check(proof, root, total) {
  const refused = (reason) => ({ valid: false, reason });
  if (!proof || typeof proof !== 'object') return refused('no proof');
  if (!HASH.test(root)) return refused('the published root must be 64 hex digits');
  const decimals = proof.decimals;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) return refused('decimals must be 0-30');
  const publishedUnits = units(total.replace(/,/g, ''), decimals);
  if (publishedUnits === null) return refused(`the published total must be an amount of 0 or more with at most ${decimals} decimals`);
  if (typeof proof.user_id !== 'string' || typeof proof.salt !== 'string' || !SALT.test(proof.salt)) {
    return refused('the proof needs its user id and a salt of 16-64 bytes in hex');
  }
  if (typeof proof.commitment !== 'string' || !HASH.test(proof.commitment)) return refused('the commitment must be 64 hex digits');
  if (!Array.isArray(proof.path) || proof.path.length > MAX_PATH) return refused(`the path must have 0-${MAX_PATH} steps`);
  const commitment = await sha256(fromHex(proof.salt), encoder.encode(proof.user_id));
  if (hex(commitment) !== proof.commitment) return refused(`the commitment is not the salted hash of user ${proof.user_id}`);
  const balance = units(proof.balance, decimals);
  if (balance === null) return refused(`the balance must be an amount of 0 or more with at most ${decimals} decimals`);
  let node = { hash: await sha256(Uint8Array.of(0), commitment, sumBytes(balance)), sum: balance };
  for (const [i, step] of proof.path.entries()) {
    if (!step || typeof step.hash !== 'string' || !HASH.test(step.hash)) return refused(`step ${i}: the hash must be 64 hex digits`);
    const sum = units(step.sum, decimals);
    if (sum === null || sum > MAX_SUM) return refused(`step ${i}: the sum must be an amount of 0 or more with at most ${decimals} decimals`);
    const sibling = { hash: fromHex(step.hash), sum };
    let left;
    let right;
    if (step.side === 'left') [left, right] = [sibling, node];
    else if (step.side === 'right') [left, right] = [node, sibling];
    else return refused(`step ${i}: side must be left or right`);
    const parentSum = left.sum + right.sum;
    if (parentSum > MAX_SUM) return refused(`step ${i}: the sums overflow 2^256`);
    node = { hash: await sha256(Uint8Array.of(1), left.hash, sumBytes(left.sum), right.hash, sumBytes(right.sum)), sum: parentSum };
  }
  if (hex(node.hash) !== root) return refused(`the path leads to root ${hex(node.hash)}, not the published ${root}`);
  if (node.sum !== publishedUnits) return refused('the path sums to a total other than the published one');
  return { valid: true, reason: 'the balance is included in the published root and total' };
}
