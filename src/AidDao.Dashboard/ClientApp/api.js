// The dashboard server's JSON API (docs/dashboard.md). Every failure becomes an ApiError with plain words: the
// server's { error } text when it gave one.

/** A refused or failed API call: `status` is the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Could not reach the dashboard server. Check your connection; the page will keep trying.');
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' && json.error
      ? json.error
      : `The dashboard server answered ${response.status} ${response.statusText || ''}`.trim() + '.';
    throw new ApiError(response.status, message);
  }
  return json;
}

const enc = encodeURIComponent;

export const api = {
  overview: () => call('GET', '/api/overview'),
  pool: (pool) => call('GET', `/api/pools/${enc(pool)}`),
  round: (round) => call('GET', `/api/rounds/${enc(round)}`),
  /** amount: decimal string in the round asset's smallest unit */
  estimate: (round, project, amount, contributor) =>
    call('GET', `/api/rounds/${enc(round)}/estimate?project=${enc(project)}&amount=${enc(amount)}${contributor ? `&contributor=${enc(contributor)}` : ''}`),
  member: (account) => call('GET', `/api/members/${enc(account)}`),
  events: (afterBlock, afterLogIndex, limit) => call('GET', `/api/events?afterBlock=${afterBlock}&afterLogIndex=${afterLogIndex}&limit=${limit}`),
  revert: (data) => call('POST', '/api/revert', { data }),
  siweNonce: () => call('GET', '/api/siwe/nonce'),
  siweVerify: (message, signature) => call('POST', '/api/siwe/verify', { message, signature }),
  siweSignOut: () => call('POST', '/api/siwe/signout', {}),
  session: () => call('GET', '/api/session'),
  postDetails: (pool, id, details) => call('POST', `/api/pools/${enc(pool)}/requests/${enc(id)}/details`, { details }),
  getDetails: (pool, id) => call('GET', `/api/pools/${enc(pool)}/requests/${enc(id)}/details`),
};
