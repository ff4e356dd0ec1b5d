// The page's copy of the index: the overview, merged with every DashboardUpdate. Views subscribe to topics.
import { lc, setChainTime } from './format.js';

const listeners = new Map();

/** Subscribes `fn` to `topic`; returns an unsubscribe function. */
export function on(topic, fn) {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic).add(fn);
  return () => listeners.get(topic).delete(fn);
}

/** Calls every listener of `topic` (a failing view does not stop the others). */
export function emit(topic, payload) {
  for (const fn of listeners.get(topic) ?? []) {
    try {
      fn(payload);
    } catch (err) {
      console.error(`aiddao: the ${topic} view failed`, err);
    }
  }
}

export const store = {
  /** ChainView */
  chain: null,
  /** CursorView */
  cursor: null,
  /** CommunityView */
  community: null,
  /** PoolView by lower-case address, in the server's order */
  pools: new Map(),
  /** RoundView by lower-case address, in the server's order */
  rounds: new Map(),
  /** EventView by id */
  events: new Map(),
  /** { block, logIndex } of the newest event shown, or null */
  newest: null,
  /** { account, chainId } of the connected wallet (account null when not connected) */
  wallet: { account: null, chainId: null, available: false },
  /** { address, steward, expiresAt } of the steward session, or null */
  session: null,
  /** 'live' | 'reconnecting' | 'offline' */
  connection: 'offline',
};

/**
 * The block each snapshot was read at ("community", "pool:addr", "round:addr" → cursor block). A CatchUp answer (full
 * snapshots read when it was asked) can arrive after a newer push: a snapshot older than the one held is ignored.
 */
const stamps = new Map();

/** Whether a snapshot stamped `block` may replace the one held under `key` (equal or newer); records the stamp. */
function fresher(key, block) {
  if (block === null) return true;
  const held = stamps.get(key);
  if (held !== undefined && block < held) return false;
  stamps.set(key, block);
  return true;
}

function stampOf(cursor) {
  const block = Number(cursor?.block);
  return Number.isFinite(block) ? block : null;
}

function position(e) {
  return { block: Number(e.block), logIndex: Number(e.logIndex) };
}

function isAfter(a, b) {
  return !b || a.block > b.block || (a.block === b.block && a.logIndex > b.logIndex);
}

/** Orders events newest first. */
export function newestFirst(a, b) {
  return Number(b.block) - Number(a.block) || Number(b.logIndex) - Number(a.logIndex);
}

/** Replaces everything with a fresh /api/overview answer. */
export function applyOverview(overview) {
  setChainTime(overview.chainTime);
  store.chain = overview.chain;
  store.cursor = overview.cursor;
  const stamp = stampOf(overview.cursor);
  stamps.clear();
  if (stamp !== null) {
    stamps.set('community', stamp);
    for (const p of overview.pools ?? []) stamps.set(`pool:${lc(p.address)}`, stamp);
    for (const r of overview.rounds ?? []) stamps.set(`round:${lc(r.address)}`, stamp);
  }
  store.community = overview.community;
  store.pools = new Map((overview.pools ?? []).map((p) => [lc(p.address), p]));
  store.rounds = new Map((overview.rounds ?? []).map((r) => [lc(r.address), r]));
  store.events = new Map();
  store.newest = null;
  mergeEvents(overview.activity ?? []);
  emit('overview', store);
}

/** Adds the events not shown yet; returns them. */
function mergeEvents(events) {
  const added = [];
  for (const e of events) {
    if (!e || store.events.has(e.id)) continue;
    store.events.set(e.id, e);
    added.push(e);
    const p = position(e);
    if (isAfter(p, store.newest)) store.newest = p;
  }
  return added;
}

/**
 * Applies a DashboardUpdate that is not a roll-back: merges events by id (none shown twice), replaces the pools,
 * rounds and community it carries unless the page holds a newer snapshot of them (each is stamped with the cursor
 * block of the update that brought it), and moves the cursor forward.
 */
export function applyUpdate(update) {
  if (store.chain && update.chainId !== undefined && Number(update.chainId) !== Number(store.chain.chainId)) return;
  const stamp = stampOf(update.cursor);
  // The chain's clock and the cursor move forward only (a late CatchUp answer carries older readings).
  if (!update.cursor || !store.cursor || Number(update.cursor.block) >= Number(store.cursor.block)) setChainTime(update.chainTime);
  if (update.cursor && (!store.cursor || Number(update.cursor.block) >= Number(store.cursor.block))) {
    store.cursor = update.cursor;
    emit('cursor', store.cursor);
  }
  if (update.community && fresher('community', stamp)) {
    store.community = update.community;
    emit('community', store.community);
  }
  for (const pool of update.pools ?? []) {
    if (!fresher(`pool:${lc(pool.address)}`, stamp)) continue;
    store.pools.set(lc(pool.address), pool);
    emit('pool', pool);
  }
  for (const round of update.rounds ?? []) {
    if (!fresher(`round:${lc(round.address)}`, stamp)) continue;
    store.rounds.set(lc(round.address), round);
    emit('round', round);
  }
  const added = mergeEvents(update.events ?? []);
  if (added.length) emit('events', added);
}

/** The viewer's role in the community: 'steward', 'member', 'visitor' (connected, not a member) or null. */
export function viewerRole() {
  const account = store.wallet.account;
  if (!account) return null;
  const c = store.community;
  if (c?.stewards?.some((s) => lc(s) === lc(account))) return 'steward';
  if (c?.members?.some((m) => lc(m) === lc(account))) return 'member';
  return 'visitor';
}

/** Sets the wallet state and tells the views. */
export function setWallet(patch) {
  store.wallet = { ...store.wallet, ...patch };
  emit('wallet', store.wallet);
}

/** Sets the steward session and tells the views. */
export function setSession(session) {
  store.session = session;
  emit('session', session);
}

/** Sets the live connection state and tells the views. */
export function setConnection(state) {
  if (store.connection === state) return;
  store.connection = state;
  emit('connection', state);
}
