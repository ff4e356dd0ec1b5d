// A pool's proposed rule changes (declare or end an emergency, resume payments, limits ...): what each does, its
// approvals out of M, and an Approve button for stewards who have not approved it yet.
import { h } from '../dom.js';
import { dateTime, lc, nowSeconds, roughDuration, short } from '../format.js';
import { store, viewerRole } from '../state.js';
import { POOL_ABI, parseLogs } from '../abi.js';
import { contractAt, runTx, send, showDone } from '../transactions.js';
import { getSigner } from '../wallet.js';

const STATUS = { pending: 'waiting', executed: 'in force', cancelled: 'withdrawn', expired: 'lapsed' };

function approveButton(pool, change) {
  if (viewerRole() !== 'steward' || change.status !== 'pending') return null;
  const me = lc(store.wallet.account);
  const approved = (change.approvals ?? []).some((a) => lc(a) === me);
  const button = h('button', { type: 'button', class: 'btn btn-approve', testid: 'change-approve', disabled: approved }, approved ? 'You approved' : 'Approve');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await runTx(async () => {
        const contract = contractAt(pool.address, POOL_ABI, await getSigner());
        const receipt = await send(contract, 'approveChange', [change.id]);
        const executed = parseLogs(receipt, pool.address).some((l) => l.name === 'ChangeExecuted');
        showDone(receipt, executed ? 'Your approval reached the threshold: the change is in force.' : 'Your approval is recorded.');
      });
    } finally {
      button.disabled = approved;
    }
  });
  return h('div', { class: 'actions' }, button);
}

function changeItem(pool, change) {
  const left = Number(change.expiresAt) - nowSeconds();
  return h('li', { class: `change state-${change.status}`, testid: `change-${lc(pool.address)}-${change.id}`, dataset: { status: change.status, changeId: change.id } },
    h('div', { class: 'req-head' },
      h('span', { class: 'change-text', testid: 'change-text' }, change.text),
      h('span', { class: `outcome outcome-${change.status}` }, STATUS[change.status] ?? change.status)),
    h('p', { class: 'req-meta' }, `#${change.id} proposed by `, h('span', { class: 'mono', title: change.proposer }, short(change.proposer)),
      change.status === 'pending' ? (left > 0 ? ` · lapses in ${roughDuration(left)}` : ' · lapsed') : ` · until ${dateTime(change.expiresAt)}`),
    h('p', { class: 'small', testid: 'change-approvals', dataset: { approvals: (change.approvals ?? []).length, required: change.required } },
      h('strong', null, `${(change.approvals ?? []).length} of ${change.required}`), ' approvals'),
    approveButton(pool, change));
}

/** The changes block of a pool card (null when there are none). */
export function changesBlock(pool) {
  const changes = pool.changes ?? [];
  if (!changes.length) return null;
  const waiting = changes.filter((c) => c.status === 'pending').length;
  return h('section', { class: 'changes', testid: `pool-${lc(pool.address)}-changes` },
    h('h4', null, 'Rule changes ', h('span', { class: 'count' }, String(waiting))),
    h('ol', { class: 'requests' }, changes.map((c) => changeItem(pool, c))));
}
