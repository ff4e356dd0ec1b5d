// A pool's proposed rule changes (declare or end an emergency, resume payments, limits ...): what each does, its
// approvals out of M, and an Approve button for stewards who have not approved it yet. A change of an asset's limits
// shows the token's symbol and full address and every limit in full, and warns when the pool does not take the token
// yet: stewards see exactly what they approve.
import { h } from '../dom.js';
import { dateTime, duration, exactAmount, lc, mintRatePerUnit, nowSeconds, roughDuration, short, ZERO_ADDRESS } from '../format.js';
import { store, viewerRole } from '../state.js';
import { POOL_ABI, parseLogs } from '../abi.js';
import { contractAt, runTx, send, showDone } from '../transactions.js';
import { getSigner } from '../wallet.js';

const NEW_TOKEN_WARNING = 'This pool does not take this token yet: check the address is the real token before approving; '
  + 'deposits of it would mint contribution tokens.';

/** The asset a change concerns: symbol and full address (kinds SetAssetLimits and RemoveAsset). */
function assetLine(change) {
  const asset = change.asset;
  if (!asset || typeof asset !== 'object') return null;
  const eth = lc(asset.address) === ZERO_ADDRESS;
  return h('p', { class: 'small change-asset', testid: 'change-asset', dataset: { address: lc(asset.address) } },
    'Token: ', h('strong', { testid: 'change-asset-symbol' }, asset.symbol), ' ',
    eth ? h('span', { class: 'muted' }, "(the chain's own currency)")
      : h('span', { class: 'address-full', testid: 'change-asset-address' }, asset.address),
    eth ? null : h('span', { class: 'muted' }, ` · ${asset.decimals} decimals`));
}

/** Every limit a SetAssetLimits change would set, in full precision. */
function limitsList(pool, change) {
  const l = change.limits;
  if (!l) return null;
  const asset = change.asset;
  const row = (key, label, value) => [h('dt', null, label), h('dd', { testid: `change-limit-${key}` }, value)];
  const per = Number(pool.windowSeconds) > 0 ? `in any ${duration(pool.windowSeconds)}` : 'in the rolling window';
  const rate = BigInt(l.mintRate ?? 0) === 0n ? 'none' : `${mintRatePerUnit(l.mintRate, asset)} per 1 ${asset.symbol} given`;
  return h('dl', { class: 'change-limits', testid: 'change-limits' },
    row('mintRate', 'Contribution tokens minted', rate),
    row('perRequestMax', 'Largest single request', exactAmount(l.perRequestMax, asset)),
    row('windowCap', `Paid out at most ${per}`, exactAmount(l.windowCap, asset)),
    row('reserveFloor', 'Kept for emergencies', exactAmount(l.reserveFloor, asset)),
    row('fastPathCap', 'During an emergency, fewer approvals for requests up to', exactAmount(l.fastPathCap, asset)));
}

/** The details that let a steward check an asset change before approving it. */
function assetDetails(pool, change) {
  const kind = Number(change.kind);
  if (kind !== 0 && kind !== 1) return null;
  return [
    assetLine(change),
    kind === 0 ? limitsList(pool, change) : null,
    kind === 0 && change.assetAccepted === false && change.status === 'pending'
      ? h('p', { class: 'notice notice-warn change-warning', testid: 'change-new-asset', role: 'note' }, `⚠ ${NEW_TOKEN_WARNING}`)
      : null,
  ];
}

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
        const receipt = await send(contract, 'approveChange', [change.id], { generousGas: true });
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
      change.status === 'pending' ? (left > 0 ? ` · lapses in ${roughDuration(left)}` : ' · lapsed')
        : change.status === 'expired' ? ` · lapsed ${dateTime(change.expiresAt)}` : ''),
    h('p', { class: 'small', testid: 'change-approvals', dataset: { approvals: (change.approvals ?? []).length, required: change.required } },
      h('strong', null, `${(change.approvals ?? []).length} of ${change.required}`), ' approvals'),
    assetDetails(pool, change),
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
