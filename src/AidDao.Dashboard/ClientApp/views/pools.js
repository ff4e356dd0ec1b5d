// Pools: per asset the balance, a chart of it over time and the rolling-window usage; emergency and pause badges;
// pending and decided requests; and the forms (donate, request aid, declare an emergency).
import { h, replace } from '../dom.js';
import { amount, dateTime, duration, lc, nowSeconds, short } from '../format.js';
import { on, store } from '../state.js';
import { balanceChart, usageBar } from '../charts.js';
import { decidedItem, pendingItem } from './requests.js';
import { poolForms } from './poolForms.js';
import { changesBlock } from './changes.js';

function badges(pool) {
  const out = [];
  const ends = pool.emergencyEndsAt ? Number(pool.emergencyEndsAt) : null;
  if (ends && ends > nowSeconds()) {
    out.push(h('span', { class: 'badge badge-emergency', testid: `pool-${lc(pool.address)}-emergency`, title: `Until ${dateTime(ends)}` },
      `Emergency until ${dateTime(ends)}`));
  }
  if (pool.paused) {
    out.push(h('span', { class: 'badge badge-paused', testid: `pool-${lc(pool.address)}-paused` }, 'Paused: no payouts'));
  }
  return out;
}

function assetBlock(pool, a) {
  const asset = a.asset;
  const key = `pool-${lc(pool.address)}`;
  const history = (pool.history ?? []).filter((p) => lc(p.asset) === lc(asset.address));
  return h('div', { class: 'asset', testid: `${key}-asset-${lc(asset.address)}` },
    h('div', { class: 'asset-head' },
      h('span', { class: 'asset-label' }, asset.symbol),
      h('span', { class: 'balance', testid: `${key}-balance-${lc(asset.address)}`, dataset: { raw: a.balance } }, amount(a.balance, asset))),
    balanceChart(history, asset, `${asset.symbol} balance of ${pool.name} over time`),
    h('div', { class: 'window' },
      h('p', { class: 'small window-text', testid: `${key}-window-text-${lc(asset.address)}` },
        `Paid out in the last ${duration(pool.windowSeconds)}: `,
        h('strong', null, amount(a.windowUsed, asset)), ` of ${amount(a.windowCap, asset)} allowed`),
      usageBar(a.windowUsed, a.windowCap, asset, `${key}-window-${lc(asset.address)}`)),
    h('p', { class: 'muted small' },
      `Up to ${amount(a.perRequestMax, asset)} per request`,
      BigInt(a.reserveFloor ?? 0) > 0n ? ` · keeps ${amount(a.reserveFloor, asset)} for emergencies` : '',
      ` · ${amount(a.deposited, asset)} given so far`));
}

class PoolCard {
  constructor(pool) {
    this.address = lc(pool.address);
    this.view = h('div', { class: 'pool-view' });
    this.forms = poolForms(pool.address);
    this.root = h('article', { class: 'card pool', testid: `pool-${this.address}`, dataset: { address: pool.address } }, this.view, this.forms.root);
    this.update(pool);
  }

  update(pool) {
    // When a declared emergency runs out, nothing is indexed: redraw then, so badges and approvals needed are right.
    clearTimeout(this.emergencyTimer);
    const left = Number(pool.emergencyEndsAt ?? 0) - nowSeconds();
    if (left > 0) this.emergencyTimer = setTimeout(() => this.update(pool), Math.min(left * 1000 + 500, 2 ** 31 - 1));
    const pending = pool.pending ?? [];
    const decided = pool.decided ?? [];
    const wasOpen = this.view.querySelector('details.decided-list')?.open ?? false;
    replace(this.view,
      h('header', { class: 'card-head' },
        h('h3', { class: 'card-title' }, pool.name),
        h('div', { class: 'badges' }, badges(pool))),
      h('p', { class: 'muted small' }, h('span', { class: 'mono', title: pool.address }, short(pool.address)),
        pool.paused ? ' · payouts resume when the stewards approve an Unpause change' : ''),
      h('div', { class: 'assets' }, (pool.assets ?? []).map((a) => assetBlock(pool, a))),
      h('h4', null, 'Waiting for a decision ', h('span', { class: 'count', testid: `pool-${this.address}-pending-count` }, String(pending.length))),
      pending.length
        ? h('ol', { class: 'requests', testid: `pool-${this.address}-pending` }, pending.map((r) => pendingItem(pool, r)))
        : h('p', { class: 'muted', testid: `pool-${this.address}-pending` }, 'No requests are waiting.'),
      decided.length
        ? h('details', { class: 'disclosure decided-list', open: wasOpen },
          h('summary', null, `Decided requests (${decided.length})`),
          h('ol', { class: 'requests', testid: `pool-${this.address}-decided` }, decided.map((r) => decidedItem(pool, r))))
        : null,
      changesBlock(pool));
    this.forms.update(pool);
  }
}

export function mountPools(root) {
  const list = h('div', { class: 'pool-list' });
  const cards = new Map();
  root.append(h('h2', null, 'Pools'), list);

  const renderAll = () => {
    const seen = new Set();
    const nodes = [];
    for (const pool of store.pools.values()) {
      const key = lc(pool.address);
      seen.add(key);
      let card = cards.get(key);
      if (card) card.update(pool);
      else cards.set(key, (card = new PoolCard(pool)));
      nodes.push(card.root);
    }
    for (const key of [...cards.keys()]) if (!seen.has(key)) cards.delete(key);
    if (nodes.length === 0) nodes.push(h('p', { class: 'muted' }, 'No pools yet.'));
    replace(list, nodes);
  };
  const renderOne = (pool) => {
    const card = cards.get(lc(pool.address));
    if (card) card.update(pool);
    else renderAll();
  };
  on('overview', renderAll);
  on('pool', renderOne);
  on('wallet', renderAll);
  on('session', renderAll);
  on('community', renderAll);
  on('details', ({ pool }) => {
    const p = store.pools.get(lc(pool));
    if (p) renderOne(p);
  });
  renderAll();
}
