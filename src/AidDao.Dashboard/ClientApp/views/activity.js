// Activity: the feed of events, newest on top, each with its summary, time and a link to its transaction.
import { h, replace } from '../dom.js';
import { ago, dateTime, txUrl, short } from '../format.js';
import { newestFirst, on, store } from '../state.js';

const MAX_SHOWN = 500;

function item(e) {
  const url = txUrl(store.chain, e.tx);
  return h('li', {
    class: `event kind-${e.contractKind ?? 'other'}`,
    testid: 'activity-item',
    dataset: { eventId: e.id, block: e.block, logIndex: e.logIndex, name: e.name },
  },
  h('p', { class: 'event-summary' }, e.summary || e.name),
  h('p', { class: 'event-meta' },
    e.time !== null && e.time !== undefined
      ? h('time', { datetime: new Date(Number(e.time) * 1000).toISOString(), title: dateTime(e.time), dataset: { unix: e.time } }, ago(e.time))
      : h('span', null, `block ${e.block}`),
    ' · ',
    url
      ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', testid: 'activity-tx', dataset: { tx: e.tx } }, 'transaction')
      : h('span', { class: 'mono hash', testid: 'activity-tx', title: e.tx, dataset: { tx: e.tx } }, short(e.tx))));
}

export function mountActivity(root) {
  const list = h('ol', { class: 'activity', testid: 'activity-list' });
  const empty = h('p', { class: 'muted', testid: 'activity-empty' }, 'Nothing has happened yet.');
  root.append(h('h2', null, 'Recent activity'), empty, list);

  const rebuild = () => {
    const events = [...store.events.values()].sort(newestFirst).slice(0, MAX_SHOWN);
    replace(list, events.map(item));
    empty.hidden = events.length > 0;
  };

  const add = (added) => {
    const first = list.firstElementChild;
    const top = first ? { block: Number(first.dataset.block), logIndex: Number(first.dataset.logIndex) } : null;
    const sorted = [...added].sort(newestFirst);
    const allNewer = !top || sorted.every((e) => newestFirst(e, top) < 0);
    if (!allNewer) {
      rebuild();
      return;
    }
    list.prepend(...sorted.map(item));
    while (list.childElementCount > MAX_SHOWN) list.lastElementChild.remove();
    empty.hidden = true;
  };

  on('overview', rebuild);
  on('events', add);
  rebuild();

  // Keep "5 minutes ago" honest.
  setInterval(() => {
    for (const t of list.querySelectorAll('time[data-unix]')) {
      const text = ago(Number(t.dataset.unix));
      if (t.textContent !== text) t.textContent = text;
    }
  }, 30000);
}

/** The ids of the events shown, newest first. */
export function shownEventIds() {
  return [...document.querySelectorAll('[data-testid="activity-item"]')].map((el) => el.dataset.eventId);
}
