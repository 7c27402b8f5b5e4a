// What the person typed into the header: the API key lives in sessionStorage only, so it is gone with the tab
// and never written to disk by the page; the user id is kept beside it for the same lifetime.
const KEY = 'ledger.apiKey';
const USER = 'ledger.userId';

export const session = {
  apiKey: () => sessionStorage.getItem(KEY) ?? '',
  userId: () => sessionStorage.getItem(USER) ?? '',
  save(apiKey, userId) {
    sessionStorage.setItem(KEY, apiKey);
    sessionStorage.setItem(USER, userId);
  },
  forgetKey() {
    sessionStorage.removeItem(KEY);
  },
};
