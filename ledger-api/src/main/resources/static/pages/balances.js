import { api, segment } from './api.js';
import { empty, problem } from './view.js';

/**
 * The user's wallet (`GET /api/wallets/balances/{user_id}`), or null once `state`, the loading placeholder, shows
 * why there is nothing to draw: the API's problem, or `emptyMessage` when the user has no balances yet.
 */
export async function loadWallet(state, userId, emptyMessage) {
  let wallet;
  try {
    wallet = await api(`/api/wallets/balances/${segment(userId)}`);
  } catch (failure) {
    state.replaceWith(problem(failure));
    return null;
  }
  if (wallet.balances.length === 0) {
    state.replaceWith(empty(emptyMessage));
    return null;
  }
  return wallet;
}
