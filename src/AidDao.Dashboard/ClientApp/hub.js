// The live connection: SignalR hub /hubs/dashboard. Reconnects forever with backoff, and after every (re)connect asks
// CatchUp(block, logIndex) for everything after the newest event shown before the connection was lost, so nothing is
// missed and nothing is shown twice (events are merged by id). A catch-up that fails while the connection stays up is
// retried on a timer. A push that does not follow the last one (its fromBlock is past the newest cursor seen + 1: an
// instance died between its commit and its push, or the backplane lost a message) also starts a catch-up.
import { HubConnectionBuilder, HubConnectionState, HttpTransportType, LogLevel } from '@microsoft/signalr';

const HUB_URL = '/hubs/dashboard';
const CATCH_UP_PAGE = 1000;
const DELAYS_MS = [0, 1000, 2000, 5000, 10000, 20000, 30000];

/** Milliseconds to wait before retry number `retry` (0-based): grows to 30 s, never gives up. */
export function backoff(retry) {
  const base = DELAYS_MS[Math.min(retry, DELAYS_MS.length - 1)];
  return base + Math.floor(Math.random() * 500);
}

function isAfter(a, b) {
  return a.block > b.block || (a.block === b.block && a.logIndex > b.logIndex);
}

/**
 * Fetches every event after `from`, page by page: each next page is asked from the last event of the previous CatchUp
 * result (not from the page's newest event, which live pushes also move: a push of a newer block between two pages
 * would otherwise skip the rest). Each result goes to `apply` before the next page is asked.
 * @param {(block: number, logIndex: number) => Promise<object>} invoke calls CatchUp
 * @param {{block: number, logIndex: number}} from
 * @param {(update: object) => Promise<void>} apply
 * @returns {Promise<number>} the number of pages fetched
 */
export async function catchUpPages(invoke, from, apply) {
  let position = { block: Number(from.block), logIndex: Number(from.logIndex) };
  for (let pages = 1; ; pages++) {
    const result = await invoke(position.block, position.logIndex);
    await apply(result);
    const events = result?.events ?? [];
    if (events.length < CATCH_UP_PAGE) return pages;
    const last = events[events.length - 1];
    const next = { block: Number(last.block), logIndex: Number(last.logIndex) };
    // A full page that does not move forward would loop forever: stop (the next catch-up starts again).
    if (!isAfter(next, position)) return pages;
    position = next;
  }
}

const quietLogger = {
  log(level, message) {
    // Lost connections are expected on phones and the header shows the state, so the client's complaints while
    // reconnecting go to the debug level; only a critical failure is a warning.
    if (level >= LogLevel.Critical) console.warn(`aiddao live connection: ${message}`);
    else if (level >= LogLevel.Warning) console.debug(`aiddao live connection: ${message}`);
  },
};

/**
 * Creates the live connection.
 * @param {object} o
 * @param {(update: object) => Promise<void>|void} o.onUpdate applies a DashboardUpdate (from `update` or CatchUp)
 * @param {() => {block: number, logIndex: number}} o.position the newest event shown
 * @param {() => ({block: number}|null)} [o.cursor] the cursor of the overview and updates applied so far
 * @param {(state: 'live'|'reconnecting'|'offline') => void} o.onState
 */
export function createHub({ onUpdate, position, cursor, onState }) {
  let connection = null;
  let wanted = false;
  let attempt = 0;
  let timer = null;
  let queue = Promise.resolve();
  let catchingUp = null;
  let again = false;
  // Where the next catch-up starts: the newest event shown when the page was last known to have every event (the
  // first load, or the moment the connection was lost). Null while the page is live and caught up.
  let mark = null;
  let retryTimer = null;
  let failures = 0;
  // The newest cursor block of the updates received (pushed or caught up), to notice pushes that skip blocks.
  let seenThrough = null;
  // WebSockets without SignalR's negotiate request first (several instances behind a load balancer then need no sticky
  // sessions); after a failed start the next attempt negotiates (for proxies without WebSockets), and so on in turn.
  let direct = true;

  function noteSeen(update) {
    const block = Number(update?.cursor?.block);
    if (!Number.isFinite(block)) return;
    seenThrough = update.rolledBack || seenThrough === null ? block : Math.max(seenThrough, block);
  }

  /** Applies updates one at a time, in arrival order. */
  function enqueue(update) {
    noteSeen(update);
    const next = queue.then(() => onUpdate(update));
    queue = next.catch((err) => console.warn('aiddao: could not apply an update', err));
    return next;
  }

  /** Remembers where the page stood when the connection was lost (unless a catch-up from earlier is still owed). */
  function lost() {
    mark ??= position();
  }

  function build() {
    // WebSockets straight away, without the negotiate request: behind a load balancer over several instances, the
    // connection then needs no sticky sessions (negotiate and connect could otherwise reach different instances).
    const c = new HubConnectionBuilder()
      .withUrl(HUB_URL, direct ? { transport: HttpTransportType.WebSockets, skipNegotiation: true } : {})
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => backoff(ctx.previousRetryCount) })
      .configureLogging(quietLogger)
      .build();
    c.on('update', (update) => {
      if (seenThrough === null && cursor?.()) seenThrough = Number(cursor().block);
      const gap = !update.rolledBack && seenThrough !== null && Number(update.fromBlock) > seenThrough + 1;
      // Remember where the page stood before this update moves it on, so the catch-up covers the skipped blocks.
      if (gap) mark ??= position();
      enqueue(update);
      if (gap) catchUp();
    });
    c.onreconnecting(() => {
      lost();
      onState('reconnecting');
    });
    c.onreconnected(() => {
      onState('live');
      catchUp();
    });
    c.onclose(() => {
      lost();
      if (wanted) {
        onState('reconnecting');
        schedule();
      } else onState('offline');
    });
    return c;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(start, backoff(attempt++));
  }

  async function start() {
    clearTimeout(timer);
    if (!wanted) return;
    connection ??= build();
    if (connection.state === HubConnectionState.Disconnecting) {
      // still stopping (reconnect() right after dropConnection()): try again in a moment
      clearTimeout(timer);
      timer = setTimeout(start, 200);
      return;
    }
    if (connection.state !== HubConnectionState.Disconnected) return;
    lost();
    onState('reconnecting');
    try {
      await connection.start();
    } catch {
      direct = !direct;
      connection = null;
      if (wanted) schedule();
      return;
    }
    if (!wanted) {
      await connection.stop();
      return;
    }
    attempt = 0;
    onState('live');
    await catchUp();
  }

  /** The position to catch up from: the mark, or the newest event shown when that is earlier (after a roll-back). */
  function from() {
    const now = position();
    return mark && !isAfter(mark, now) ? mark : now;
  }

  /** When a catch-up failed while the connection is still up, tries again after a backoff. */
  function retryLater() {
    clearTimeout(retryTimer);
    if (!wanted || connection?.state !== HubConnectionState.Connected) return; // the reconnect catches up
    retryTimer = setTimeout(() => {
      retryTimer = null;
      catchUp();
    }, backoff(Math.max(1, failures)));
  }

  /** Asks for every event after the mark, page by page (1,000 at most each), and applies them. */
  function catchUp() {
    if (catchingUp) {
      again = true;
      return catchingUp;
    }
    clearTimeout(retryTimer);
    retryTimer = null;
    catchingUp = (async () => {
      do {
        again = false;
        if (!connection || connection.state !== HubConnectionState.Connected) return;
        const c = connection;
        await catchUpPages((block, logIndex) => c.invoke('CatchUp', block, logIndex), from(), enqueue);
        // Everything up to the newest event shown is in: live pushes carry on from here.
        if (!again) mark = null;
      } while (again);
      failures = 0;
    })()
      .catch((err) => {
        failures++;
        console.warn('aiddao: catch-up failed; trying again', err);
        retryLater();
      })
      .finally(() => {
        catchingUp = null;
      });
    return catchingUp;
  }

  window.addEventListener('online', () => {
    if (wanted && connection?.state === HubConnectionState.Disconnected) start();
  });

  return {
    /** Starts (or restarts) the connection; keeps trying until it succeeds. */
    connect() {
      wanted = true;
      attempt = 0;
      return start();
    },
    /** Stops the connection and does not reconnect until connect() is called. */
    async disconnect() {
      wanted = false;
      clearTimeout(timer);
      clearTimeout(retryTimer);
      lost();
      if (connection) await connection.stop();
      onState('offline');
    },
    catchUp,
  };
}
