// Aid requests: pending ones (priority order from the server) with approvals and steward actions, decided ones with
// their outcome and payout transaction, and for signed-in stewards the private details checked against the hash.
import { h } from '../dom.js';
import { amount, ago, dateTime, lc, roughDuration, nowSeconds, sameAddress, short, txUrl, urgency } from '../format.js';
import { store, viewerRole } from '../state.js';
import { POOL_ABI, parseLogs } from '../abi.js';
import { contractAt, runTx, send, showDone } from '../transactions.js';
import { getSigner } from '../wallet.js';
import { detailsOf, isStewardSession, loadDetails } from '../siwe.js';

const OUTCOME = {
  paid: 'Paid',
  rejected: 'Declined by the stewards',
  cancelled: 'Withdrawn by the requester',
  expired: 'Expired without a decision',
  pending: 'Waiting',
};

/** A transaction link (explorer configured) or the plain hash. */
export function txLink(tx, testid, label) {
  if (!tx) return null;
  const url = txUrl(store.chain, tx);
  return url
    ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'mono', testid, title: tx, dataset: { tx } }, label ?? short(tx))
    : h('span', { class: 'mono hash', testid, title: tx, dataset: { tx } }, tx);
}

function people(addresses) {
  return addresses.map((a, i) => [i ? ', ' : '', h('span', { class: 'mono', title: a }, sameAddress(a, store.wallet.account) ? 'you' : short(a))]);
}

function who(r) {
  const forSelf = sameAddress(r.requester, r.recipient);
  return forSelf
    ? ['for ', h('span', { class: 'mono', title: r.recipient }, short(r.recipient))]
    : ['for ', h('span', { class: 'mono', title: r.recipient }, short(r.recipient)), ', asked by ', h('span', { class: 'mono', title: r.requester }, short(r.requester))];
}

/**
 * The approvals a request needs now. The server's count holds when it was sent; an emergency that has since run out
 * (no event marks that) takes the fast path away, so the community's M applies again.
 */
function requiredNow(pool, r) {
  const ends = Number(pool.emergencyEndsAt ?? 0);
  const threshold = Number(store.community?.threshold ?? 0);
  return ends > 0 && ends <= nowSeconds() ? Math.max(Number(r.required), threshold) : Number(r.required);
}

function approvalsLine(pool, r) {
  const approvals = r.approvals ?? [];
  const rejections = r.rejections ?? [];
  const required = requiredNow(pool, r);
  return h('p', { class: 'req-approvals', testid: 'request-approvals', dataset: { approvals: approvals.length, required } },
    h('strong', null, `${approvals.length} of ${required}`), ' approvals',
    approvals.length ? [' · approved by ', people(approvals)] : '',
    rejections.length ? [' · rejected by ', people(rejections)] : '');
}

function detailsBlock(pool, r) {
  if (!r.hasDetails) return h('p', { class: 'muted small', testid: 'request-details-missing' }, 'The requester has not shared the details yet.');
  const known = detailsOf(pool.address, r.id);
  if (!known) {
    loadDetails(pool.address, r.id, r.detailsHash);
    return h('p', { class: 'muted small' }, 'Loading the details…');
  }
  if (known.state === 'loading') return h('p', { class: 'muted small' }, 'Loading the details…');
  if (known.state === 'error') return h('p', { class: 'warn small', testid: 'request-details-error' }, known.error);
  return h('div', { class: 'req-details' },
    h('p', { class: 'details-text', testid: 'request-details' }, known.details),
    known.matches
      ? h('p', { class: 'check check-ok', testid: 'details-check', dataset: { match: 'true' } }, '✓ These details match the on-chain hash.')
      : h('p', { class: 'check check-bad', testid: 'details-check', dataset: { match: 'false' }, role: 'alert' },
        '⚠ These details do NOT match the on-chain hash: they are not what the requester filed. Do not decide on them; ask the requester.'));
}

async function decide(pool, r, approve) {
  await runTx(async () => {
    const signer = await getSigner();
    const contract = contractAt(pool.address, POOL_ABI, signer);
    // An approval may turn out to be the one that pays (another steward's landed first): generous gas.
    const receipt = await send(contract, approve ? 'approve' : 'reject', [r.id], { generousGas: approve });
    const names = parseLogs(receipt, pool.address).map((l) => l.name);
    if (approve) {
      showDone(receipt, names.includes('AidPaid') ? 'Your approval reached the threshold: the request is paid.' : 'Your approval is recorded.');
    } else {
      showDone(receipt, names.includes('RequestDeclined') ? 'Your rejection closed the request.' : 'Your rejection is recorded.');
    }
  });
}

function stewardActions(pool, r) {
  if (viewerRole() !== 'steward' || r.state !== 'pending') return null;
  const me = store.wallet.account;
  const approved = (r.approvals ?? []).some((a) => sameAddress(a, me));
  const rejected = (r.rejections ?? []).some((a) => sameAddress(a, me));
  const own = sameAddress(r.requester, me) || sameAddress(r.recipient, me);
  const approveButton = h('button', { type: 'button', class: 'btn btn-approve', testid: 'request-approve', disabled: approved || own }, approved ? 'You approved' : 'Approve');
  const rejectButton = h('button', { type: 'button', class: 'btn btn-reject', testid: 'request-reject', disabled: rejected }, rejected ? 'You rejected' : 'Reject');
  const run = (approve) => async () => {
    approveButton.disabled = true;
    rejectButton.disabled = true;
    try {
      await decide(pool, r, approve);
    } finally {
      approveButton.disabled = approved || own;
      rejectButton.disabled = rejected;
    }
  };
  approveButton.addEventListener('click', run(true));
  rejectButton.addEventListener('click', run(false));
  return h('div', { class: 'actions' }, approveButton, rejectButton,
    own ? h('span', { class: 'muted small' }, 'You asked for this or would be paid by it, so other stewards decide.') : null);
}

/** A pending request. */
export function pendingItem(pool, r) {
  const now = nowSeconds();
  const waited = r.createdAt ? now - Number(r.createdAt) : null;
  const left = r.expiresAt ? Number(r.expiresAt) - now : null;
  return h('li', { class: `request urgency-${r.urgency}`, testid: `request-${lc(pool.address)}-${r.id}`, dataset: { state: r.state, requestId: r.id } },
    h('div', { class: 'req-head' },
      h('span', { class: 'req-amount', testid: 'request-amount' }, amount(r.amount, r.asset)),
      h('span', { class: `urgency-tag u${r.urgency}`, testid: 'request-urgency', title: 'Urgency, 1 (can wait) to 5 (life or safety)' }, `urgency ${urgency(r.urgency)}`)),
    h('p', { class: 'req-meta' },
      `#${r.id} `, who(r),
      waited !== null ? [' · ', h('span', { testid: 'request-waiting', title: dateTime(r.createdAt) }, `waiting ${roughDuration(waited)}`)] : '',
      left !== null ? (left > 0 ? ` · closes in ${roughDuration(left)}` : ' · past its deadline') : ''),
    approvalsLine(pool, r),
    isStewardSession() ? detailsBlock(pool, r) : null,
    stewardActions(pool, r));
}

/** A decided request. */
export function decidedItem(pool, r) {
  return h('li', { class: `request decided state-${r.state}`, testid: `request-${lc(pool.address)}-${r.id}`, dataset: { state: r.state, requestId: r.id } },
    h('div', { class: 'req-head' },
      h('span', { class: 'req-amount' }, amount(r.amount, r.asset)),
      h('span', { class: `outcome outcome-${r.state}`, testid: 'request-outcome' }, OUTCOME[r.state] ?? r.state)),
    h('p', { class: 'req-meta' }, `#${r.id} `, who(r), r.createdAt ? ` · asked ${ago(r.createdAt)}` : ''),
    r.state === 'paid'
      ? h('p', { class: 'small' },
        r.payoutTx ? ['Payout: ', txLink(r.payoutTx, 'request-payout-tx')] : 'Payout transaction not indexed yet.',
        r.delivered === false ? ' · the recipient could not take it; it is kept for them to withdraw.' : '')
      : null);
}
