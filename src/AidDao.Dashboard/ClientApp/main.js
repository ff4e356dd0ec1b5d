// Entry point: loads the overview, draws the views, follows the live hub and the wallet.
import { api } from './api.js';
import { applyOverview, applyUpdate, setConnection, store } from './state.js';
import { createHub } from './hub.js';
import { initWallet } from './wallet.js';
import { bindTxUi, clearTx } from './transactions.js';
import { loadSession } from './siwe.js';
import { mountHeader } from './views/header.js';
import { mountCommunity } from './views/community.js';
import { mountPools } from './views/pools.js';
import { mountRounds } from './views/rounds.js';
import { mountActivity, shownEventIds } from './views/activity.js';

let hub = null;

async function reloadOverview() {
  applyOverview(await api.overview());
}

/** Applies a DashboardUpdate; a roll-back reloads the overview and rebuilds the activity list. */
async function handleUpdate(update) {
  if (!update) return;
  if (update.rolledBack) {
    await reloadOverview();
    return;
  }
  applyUpdate(update);
}

/** Loads the first overview, retrying with a visible note until the server answers. */
async function firstLoad() {
  const main = document.querySelector('main');
  const note = document.querySelector('[data-testid="load-error"]');
  for (let attempt = 0; ; attempt++) {
    try {
      await reloadOverview();
      note.hidden = true;
      main.removeAttribute('data-loading');
      return;
    } catch (err) {
      const wait = Math.min(30, 2 ** attempt);
      note.textContent = `Could not load the dashboard: ${err.message} Trying again in ${wait} s.`;
      note.hidden = false;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}

function mountTxPanel() {
  const status = document.querySelector('[data-testid="tx-status"]');
  const error = document.querySelector('[data-testid="tx-error"]');
  bindTxUi(status, error);
  for (const button of document.querySelectorAll('.tx-close')) button.addEventListener('click', () => clearTx());
}

/** Test and debugging hook. */
window.aiddao = {
  /** 'live' | 'reconnecting' | 'offline' */
  connectionState: () => store.connection,
  /** Stops the hub connection; the page stays and reconnects only when reconnect() is called. */
  dropConnection: () => hub?.disconnect() ?? Promise.resolve(),
  /** Starts the hub connection again (and catches up). */
  reconnect: () => hub?.connect() ?? Promise.resolve(),
  /** The ids of the events shown in the activity list, newest first. */
  shownEventIds,
};

async function main() {
  mountTxPanel();
  mountHeader();
  mountCommunity(document.getElementById('community'));
  mountPools(document.getElementById('pools'));
  mountRounds(document.getElementById('rounds'));
  mountActivity(document.getElementById('activity'));
  initWallet();
  loadSession();
  await firstLoad();
  hub = createHub({
    onUpdate: handleUpdate,
    position: () => store.newest ?? { block: 0, logIndex: 0 },
    cursor: () => store.cursor,
    onState: setConnection,
  });
  hub.connect();
}

main();
