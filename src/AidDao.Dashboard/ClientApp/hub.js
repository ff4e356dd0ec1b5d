// The live connection: SignalR hub /hubs/dashboard. Reconnects forever with backoff, and after every (re)connect asks
// CatchUp(block, logIndex) for everything after the newest event shown, so nothing is missed and nothing is shown
// twice (events are merged by id).
import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';

const HUB_URL = '/hubs/dashboard';
const CATCH_UP_PAGE = 1000;
const DELAYS_MS = [0, 1000, 2000, 5000, 10000, 20000, 30000];

/** Milliseconds to wait before retry number `retry` (0-based): grows to 30 s, never gives up. */
export function backoff(retry) {
  const base = DELAYS_MS[Math.min(retry, DELAYS_MS.length - 1)];
  return base + Math.floor(Math.random() * 500);
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
 * @param {(state: 'live'|'reconnecting'|'offline') => void} o.onState
 */
export function createHub({ onUpdate, position, onState }) {
  let connection = null;
  let wanted = false;
  let attempt = 0;
  let timer = null;
  let queue = Promise.resolve();
  let catchingUp = null;
  let again = false;

  /** Applies updates one at a time, in arrival order. */
  function enqueue(update) {
    const next = queue.then(() => onUpdate(update));
    queue = next.catch((err) => console.warn('aiddao: could not apply an update', err));
    return next;
  }

  function build() {
    const c = new HubConnectionBuilder()
      .withUrl(HUB_URL)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => backoff(ctx.previousRetryCount) })
      .configureLogging(quietLogger)
      .build();
    c.on('update', (update) => {
      enqueue(update);
    });
    c.onreconnecting(() => onState('reconnecting'));
    c.onreconnected(() => {
      onState('live');
      catchUp();
    });
    c.onclose(() => {
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
    onState('reconnecting');
    try {
      await connection.start();
    } catch {
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

  /** Asks for every event after the newest shown, page by page (1,000 at most each), and applies them. */
  function catchUp() {
    if (catchingUp) {
      again = true;
      return catchingUp;
    }
    catchingUp = (async () => {
      do {
        again = false;
        for (;;) {
          if (!connection || connection.state !== HubConnectionState.Connected) return;
          const from = position();
          const result = await connection.invoke('CatchUp', from.block, from.logIndex);
          await enqueue(result);
          const count = result?.events?.length ?? 0;
          const to = position();
          if (count < CATCH_UP_PAGE || (to.block === from.block && to.logIndex === from.logIndex)) break;
        }
      } while (again);
    })()
      .catch((err) => console.warn('aiddao: catch-up failed; it runs again after the next reconnect', err))
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
      if (connection) await connection.stop();
      onState('offline');
    },
    catchUp,
  };
}
