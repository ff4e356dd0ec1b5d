// Steward sign-in with Ethereum (EIP-4361) and the private details of aid requests that signed-in stewards may read.
import { getAddress, keccak256, toUtf8Bytes } from 'ethers';
import { api, ApiError } from './api.js';
import { emit, setSession, store } from './state.js';
import { connectWallet, personalSign } from './wallet.js';
import { describeError } from './transactions.js';

/**
 * The EIP-4361 message text, exactly:
 * "{domain} wants you to sign in with your Ethereum account:\n{address}\n\n{statement}\n\nURI: …\nVersion: 1\n
 * Chain ID: …\nNonce: …\nIssued At: …[\nExpiration Time: …]"
 */
export function buildSiweMessage({ domain, address, statement, uri, chainId, nonce, issuedAt, expirationTime }) {
  const lines = [`${domain} wants you to sign in with your Ethereum account:`, getAddress(address), ''];
  if (statement) lines.push(statement, '');
  else lines.push('');
  lines.push(`URI: ${uri}`, 'Version: 1', `Chain ID: ${chainId}`, `Nonce: ${nonce}`, `Issued At: ${issuedAt}`);
  if (expirationTime) lines.push(`Expiration Time: ${expirationTime}`);
  return lines.join('\n');
}

// Remembers that this browser signed in, so visitors who never did are not asked for a session (a 401 each load).
const SIGNED_IN_KEY = 'aiddao.signedIn';

function remember(signedIn) {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // storage unavailable (private mode): the session is then only known until the page reloads
  }
}

function remembered() {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return false;
  }
}

/** Signs in: nonce from the server, message signed with personal_sign, verified by the server. Throws plain words. */
export async function signIn() {
  let account;
  let signature;
  let message;
  try {
    account = store.wallet.account ?? (await connectWallet());
    const fields = await api.siweNonce();
    message = buildSiweMessage({ ...fields, address: account });
    signature = await personalSign(message, getAddress(account));
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new Error(await describeError(err, 'signature'));
  }
  const session = await api.siweVerify(message, signature);
  remember(true);
  details.clear();
  setSession(session);
  return session;
}

/** Signs out (the server forgets the session). */
export async function signOut() {
  try {
    await api.siweSignOut();
  } finally {
    remember(false);
    details.clear();
    setSession(null);
  }
}

/** Reads the current session (null when not signed in). */
export async function loadSession() {
  if (!remembered()) {
    setSession(null);
    return;
  }
  try {
    setSession(await api.session());
  } catch {
    remember(false);
    setSession(null);
  }
}

/** Whether the viewer is signed in as a steward (session not expired). */
export function isStewardSession() {
  const s = store.session;
  if (!s?.steward) return false;
  if (s.expiresAt) {
    const ends = typeof s.expiresAt === 'number' ? s.expiresAt * 1000 : Date.parse(s.expiresAt);
    if (Number.isFinite(ends) && ends < Date.now()) return false;
  }
  return true;
}

/** key "pool:id" → { state: 'loading'|'ok'|'error', details, detailsHash, matches, error } */
const details = new Map();

function key(pool, id) {
  return `${pool.toLowerCase()}:${id}`;
}

/** What is known of a request's private details (undefined before the first fetch). */
export function detailsOf(pool, id) {
  return details.get(key(pool, id));
}

/**
 * Fetches a request's private details once (signed-in stewards only) and checks them against the on-chain hash.
 * Emits 'details' with { pool, id } when the answer is in.
 */
export async function loadDetails(pool, id, onChainHash) {
  const k = key(pool, id);
  if (details.has(k)) return;
  details.set(k, { state: 'loading' });
  let entry;
  try {
    const answer = await api.getDetails(pool, id);
    const text = String(answer?.details ?? '');
    const computed = keccak256(toUtf8Bytes(text));
    const expected = String(onChainHash ?? answer?.detailsHash ?? '').toLowerCase();
    entry = { state: 'ok', details: text, detailsHash: computed, matches: computed.toLowerCase() === expected };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      remember(false);
      details.clear();
      setSession(null);
      entry = { state: 'error', error: 'Your steward sign-in has ended: sign in again to read the details.' };
    } else if (err instanceof ApiError && err.status === 403) {
      entry = { state: 'error', error: 'Only the stewards of this community may read the details.' };
    } else if (err instanceof ApiError && err.status === 404) {
      entry = { state: 'error', error: 'The requester has not shared details for this request yet.' };
    } else {
      entry = { state: 'error', error: err?.message ?? String(err) };
    }
  }
  details.set(k, entry);
  emit('details', { pool, id });
}

/** Forgets cached details (after sign-in changes). */
export function clearDetails() {
  details.clear();
}
