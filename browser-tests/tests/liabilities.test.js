// The pages' proof-of-liabilities verifier on its own (it has no DOM), against a proof the ledger's Java verifier
// accepts (MerkleSumProperties#theVectorTheBrowserChecks builds the same tree): the two implementations agree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { units, verifyProof } from '../../ledger-api/src/main/resources/static/pages/liabilities.js';

const ROOT = '4ae672fa2b3f350bf8fc28b7c7b1fe9c07152f54e688ab22f0eaf284e2b0848f';
const TOTAL = '123456832.500000000000000002';
const PROOF = Object.freeze({
  tree_id: 'ETH-1-x', currency: 'ETH', decimals: 18, position: 1, built_at: '2026-12-03T00:00:00Z', root_hash: ROOT,
  total: TOTAL, leaf_count: 5, user_id: 'carol',
  salt: '404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f',
  commitment: '57ef051b18ff431edd16268aae46ec96e4fc6c7b3d8efb616e7bdd88f3b57ebb',
  balance: '123456789.000000000000000001', leaf_index: 2,
  path: [
    { side: 'right', hash: 'd4a4ea397bdbbaa2f5d157e29f68e54c62b0be88169d5634703d107a0da19a5e', sum: '0.000000000000000001' },
    { side: 'left', hash: '1c30750fcb6c7fd29e064f1eba98fd95076a90f2fb5cae5eda234e38ffb76a01', sum: '1.500000000000000000' },
    { side: 'right', hash: 'bda1d2095ce8b240faa8726c54e2edd55ab327bf684b3e74043153a12d843d56', sum: '42.000000000000000000' },
  ],
});

const withStep = (index, change) => ({ ...PROOF, path: PROOF.path.map((step, i) => (i === index ? { ...step, ...change } : step)) });

test('a proof the Java verifier accepts is accepted, against the published root and total', async () => {
  assert.deepEqual(await verifyProof(PROOF, ROOT, TOTAL), { valid: true, reason: 'the balance is included in the published root and total' });
  assert.equal((await verifyProof(PROOF, ROOT.toUpperCase(), '123,456,832.500000000000000002')).valid, true, 'as a person may paste them');
});

test('a forged balance, sibling, side, root or total, or another user\'s name, is refused with its reason', async () => {
  const cases = [
    [{ ...PROOF, balance: '123456789.000000000000000002' }, ROOT, TOTAL, /not the published/],
    [withStep(1, { sum: '0' }), ROOT, TOTAL, /not the published/],
    [withStep(0, { hash: `${'0'.repeat(63)}1` }), ROOT, TOTAL, /not the published/],
    [withStep(2, { side: 'left' }), ROOT, TOTAL, /not the published/],
    [withStep(2, { side: 'up' }), ROOT, TOTAL, /side must be left or right/],
    [withStep(1, { sum: '-1' }), ROOT, TOTAL, /0 or more/],
    [PROOF, 'f'.repeat(64), TOTAL, /not the published/],
    [PROOF, ROOT, '123456832.5', /total other than the published/],
    [PROOF, 'not-a-root', TOTAL, /64 hex digits/],
    [{ ...PROOF, user_id: 'ann' }, ROOT, TOTAL, /not the salted hash of user ann/],
    [{ ...PROOF, balance: '1.0000000000000000001' }, ROOT, TOTAL, /at most 18 decimals/],
    [{ ...PROOF, path: 'nope' }, ROOT, TOTAL, /path must have/],
    [null, ROOT, TOTAL, /no proof/],
  ];
  for (const [proof, root, total, reason] of cases) {
    const verdict = await verifyProof(proof, root, total);
    assert.equal(verdict.valid, false, JSON.stringify(proof?.path?.[0] ?? proof));
    assert.match(verdict.reason, reason);
  }
});

test('amounts become exact integers of the smallest unit', () => {
  assert.equal(units('1.5', 18), 1_500_000_000_000_000_000n);
  assert.equal(units('0.000000000000000001', 18), 1n);
  assert.equal(units('2.10', 1), 21n);
  assert.equal(units('2.11', 1), null);
  assert.equal(units('-1', 8), null);
  assert.equal(units('1e3', 8), null);
});
