// The forms of one pool: donate (everyone), request aid (members), declare an emergency (stewards).
import { keccak256, toUtf8Bytes } from 'ethers';
import { h, field, fillSelect, setText, show } from '../dom.js';
import { amount, dateTime, lc, nowSeconds, parseAmount, UserError, ZERO_ADDRESS, URGENCY_WORDS } from '../format.js';
import { on, store, viewerRole } from '../state.js';
import { ChangeKind, ERC20_ABI, POOL_ABI, parseLogs } from '../abi.js';
import { contractAt, ensureAllowance, runTx, send, showDone, showError, showStatus, stepAfter } from '../transactions.js';
import { getSigner } from '../wallet.js';
import { api, ApiError } from '../api.js';
import { actionForm, addressInput, amountInput, parseAddress } from './forms.js';

const isEth = (asset) => lc(asset.address) === ZERO_ADDRESS;

/** What the aid form says about the reference line it adds to the details. */
const REFERENCE_NOTE = 'A random reference is added so that nobody can guess the details from the public hash: the stewards '
  + 'see your text followed by a line "Reference: " and 16 random characters.';

/** 16 random hex characters (8 random bytes from the browser's crypto). */
export function randomReference() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The details exactly as hashed and sent: the person's text and a random reference line. A short text such as
 * "insulin" could otherwise be guessed by anyone who hashes likely words and compares them with the on-chain hash.
 */
export function withReference(details, reference = randomReference()) {
  return `${details}\n\nReference: ${reference}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Details whose POST found the request not indexed yet: "pool:id" → details. Retried when the request shows up. */
const unsavedDetails = new Map();

/** Whether the page's copy of `pool` shows request `id` (so the server has indexed it). */
function indexed(pool, id) {
  const p = store.pools.get(lc(pool));
  return [...(p?.pending ?? []), ...(p?.decided ?? [])].some((r) => String(r.id) === String(id));
}

/** Waits (at most `ms`) until the live updates show request `id` of `pool`; the details can then be saved at once. */
function whenIndexed(pool, id, ms) {
  if (indexed(pool, id)) return Promise.resolve(true);
  return new Promise((resolve) => {
    let off = null;
    const timer = setTimeout(() => {
      off?.();
      resolve(false);
    }, ms);
    off = on('pool', (p) => {
      if (lc(p.address) !== lc(pool) || !indexed(pool, id)) return;
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}

/**
 * POSTs a request's private details, retrying while the server answers 404 (its indexer has not seen the request
 * yet). Returns true when saved; throws ApiError on a refusal (for instance a hash mismatch).
 */
async function saveDetails(pool, id, details, attempts = 6) {
  for (let i = 0; i < attempts; i++) {
    try {
      await api.postDetails(pool, id, details);
      unsavedDetails.delete(`${lc(pool)}:${id}`);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 0)) throw err;
      if (i < attempts - 1) await sleep(1000 * (i + 1));
    }
  }
  unsavedDetails.set(`${lc(pool)}:${id}`, details);
  return false;
}

on('pool', (pool) => {
  for (const r of pool.pending ?? []) {
    const key = `${lc(pool.address)}:${r.id}`;
    const details = unsavedDetails.get(key);
    if (details === undefined || r.hasDetails) continue;
    unsavedDetails.delete(key);
    saveDetails(pool.address, r.id, details, 3)
      .then((saved) => saved && showStatus(`The details of request #${r.id} are now saved for the stewards.`, 'done'))
      .catch((err) => showError(`The details of request #${r.id} were not saved: ${err.message}`));
  }
});

function assetOptions(pool) {
  return (pool.assets ?? []).map((a) => ({ value: lc(a.asset.address), label: a.asset.symbol }));
}

function assetOf(pool, value) {
  const found = (pool.assets ?? []).find((a) => lc(a.asset.address) === value);
  if (!found) throw new UserError('Choose what to give or ask for.');
  return found;
}

export function poolForms(poolAddress) {
  let pool = null;
  const current = () => store.pools.get(lc(poolAddress)) ?? pool;

  // ---- donate
  const donateAsset = h('select', { class: 'input', testid: 'donate-asset' });
  const donateAmount = amountInput('donate-amount');
  const donate = actionForm({ class: 'form form-inline', testid: 'donate-form' }, [
    h('h4', null, 'Give to this pool'),
    h('div', { class: 'row' },
      field('Amount', donateAmount),
      field('In', donateAsset),
      h('button', { type: 'submit', class: 'btn btn-primary', testid: 'donate-submit' }, 'Give')),
  ], () => runTx(async () => {
    const p = current();
    const a = assetOf(p, donateAsset.value);
    const value = parseAmount(donateAmount.value, a.asset);
    const signer = await getSigner();
    const contract = contractAt(p.address, POOL_ABI, signer);
    let receipt;
    if (isEth(a.asset)) {
      receipt = await send(contract, 'deposit', [], { value });
    } else {
      const token = contractAt(a.asset.address, ERC20_ABI, signer);
      const steps = await ensureAllowance(token, await signer.getAddress(), p.address, value,
        `allow the pool to take ${amount(value, a.asset)}`);
      receipt = await send(contract, 'depositToken', [a.asset.address, value], { step: stepAfter(steps, 'give') });
    }
    donateAmount.value = '';
    showDone(receipt, `Thank you: ${amount(value, a.asset)} went to ${p.name}.`);
  }));

  // ---- request aid (members)
  const aidAsset = h('select', { class: 'input', testid: 'aid-asset' });
  const aidAmount = amountInput('aid-amount');
  const aidRecipient = addressInput('aid-recipient', 'Leave empty to be paid yourself');
  const aidUrgency = h('select', { class: 'input', testid: 'aid-urgency' },
    [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, `${n} · ${URGENCY_WORDS[n]}`)));
  aidUrgency.value = '3';
  const aidDetails = h('textarea', { class: 'input', rows: 3, testid: 'aid-details', placeholder: 'What is needed, for whom, and by when' });
  const aidLimit = h('span', { class: 'field-hint' });
  const aid = actionForm({ class: 'form', testid: 'aid-form' }, [
    h('h4', null, 'Ask for help'),
    h('div', { class: 'row' }, field('Amount', aidAmount), field('In', aidAsset)),
    aidLimit,
    field('Pay to', aidRecipient, 'The person or shop to pay, for instance a landlord. Empty: you.'),
    field('How urgent', aidUrgency),
    field('Details for the stewards', aidDetails,
      'Only the stewards can read this. The chain keeps a fingerprint (hash) of it, never the text.'),
    h('p', { class: 'field-hint', testid: 'aid-reference-note' }, REFERENCE_NOTE),
    h('button', { type: 'submit', class: 'btn btn-primary', testid: 'aid-submit' }, 'Send the request'),
  ], () => runTx(async () => {
    const p = current();
    const a = assetOf(p, aidAsset.value);
    const value = parseAmount(aidAmount.value, a.asset);
    const typed = aidDetails.value.trim();
    if (!typed) throw new UserError('Write a few words for the stewards: what is needed and why.');
    const reference = randomReference();
    const details = withReference(typed, reference);
    const signer = await getSigner();
    const me = await signer.getAddress();
    const recipient = aidRecipient.value.trim() ? parseAddress(aidRecipient.value, 'The address to pay') : me;
    const urgencyLevel = Number(aidUrgency.value);
    const detailsHash = keccak256(toUtf8Bytes(details));
    const contract = contractAt(p.address, POOL_ABI, signer);
    const receipt = await send(contract, 'requestAid', [a.asset.address, value, recipient, urgencyLevel, detailsHash]);
    const event = parseLogs(receipt, p.address).find((l) => l.name === 'AidRequested');
    if (!event) {
      showDone(receipt, 'The request is on the chain, but its id was not found in the receipt, so the details were not sent. Ask a steward.');
      return;
    }
    const id = event.args.requestId.toString();
    showStatus(`Request #${id} is on the chain (block ${receipt.blockNumber}). Saving your details for the stewards…`);
    let saved;
    try {
      await whenIndexed(p.address, id, 8000);
      saved = await saveDetails(p.address, id, details);
    } catch (err) {
      showError(`Request #${id} is on the chain, but the server refused the details: ${err.message}`);
      return;
    }
    aidAmount.value = '';
    aidDetails.value = '';
    aidRecipient.value = '';
    showDone(receipt, saved
      ? `Request #${id} is filed and your details are saved for the stewards (with the line "Reference: ${reference}" added).`
      : `Request #${id} is filed. The dashboard has not seen it yet; keep this page open and your details are saved as soon as it does.`);
  }));
  const aidHint = h('p', { class: 'muted small', testid: 'aid-hint' }, 'Members: connect your wallet to ask the pool for help.');

  // ---- declare an emergency (stewards)
  const emergencyDays = h('select', { class: 'input', testid: 'emergency-duration' },
    [[1, '1 day'], [3, '3 days'], [7, '7 days'], [14, '14 days'], [30, '30 days']].map(([d, label]) => h('option', { value: d * 86400 }, label)));
  emergencyDays.value = String(7 * 86400);
  const emergencyStatement = h('textarea', { class: 'input', rows: 2, testid: 'emergency-statement', placeholder: 'What happened (for instance: flood in the east district)' });
  const emergencyResult = h('p', { class: 'small', testid: 'emergency-result', role: 'status' });
  const emergencyNote = h('p', { class: 'muted small' });
  const emergency = actionForm({ class: 'form form-steward', testid: 'emergency-form' }, [
    h('h4', null, 'Declare an emergency'),
    emergencyNote,
    field('For', emergencyDays),
    field('Statement', emergencyStatement,
      'Only its hash (a fingerprint) is recorded on-chain and the dashboard does not keep the text: share the statement itself with the community.'),
    h('button', { type: 'submit', class: 'btn btn-danger', testid: 'emergency-submit' }, 'Declare emergency'),
    emergencyResult,
  ], () => runTx(async () => {
    setText(emergencyResult, '');
    const p = current();
    const statement = emergencyStatement.value.trim();
    if (!statement) {
      throw new UserError('Write a short statement of what happened. Only its hash is recorded on-chain, so share the statement itself with the community.');
    }
    const seconds = BigInt(emergencyDays.value);
    const signer = await getSigner();
    const contract = contractAt(p.address, POOL_ABI, signer);
    const receipt = await send(contract, 'proposeChange',
      [ChangeKind.DeclareEmergency, ZERO_ADDRESS, seconds, keccak256(toUtf8Bytes(statement)), [0n, 0n, 0n, 0n, 0n]]);
    const logs = parseLogs(receipt, p.address);
    const proposed = logs.find((l) => l.name === 'ChangeProposed');
    const declared = logs.find((l) => l.name === 'EmergencyDeclared');
    let text;
    if (declared) {
      text = `The emergency is in force until ${dateTime(Number(declared.args.endsAt))}.`;
    } else {
      const m = Number(store.community?.threshold ?? 0);
      const id = proposed ? `#${proposed.args.changeId}` : '';
      text = `Change ${id} proposed: it needs ${m} approvals (yours counts as the first). Ask ${m - 1 === 1 ? 'another steward' : `${m - 1} other stewards`} to approve it.`;
    }
    emergencyStatement.value = '';
    setText(emergencyResult, text);
    showDone(receipt, text);
  }));

  const root = h('div', { class: 'pool-forms' }, donate, aidHint, aid, emergency);

  function update(p) {
    pool = p;
    const options = assetOptions(p);
    fillSelect(donateAsset, options);
    fillSelect(aidAsset, options);
    const a = (p.assets ?? []).find((x) => lc(x.asset.address) === aidAsset.value);
    setText(aidLimit, a ? `At most ${amount(a.perRequestMax, a.asset)} per request.` : '');
    const role = viewerRole();
    const member = role === 'member' || role === 'steward';
    show(aid, member);
    show(aidHint, !member && role !== 'visitor');
    show(emergency, role === 'steward');
    const m = Number(store.community?.threshold ?? 0);
    const ends = Number(p.emergencyEndsAt ?? 0);
    const inForce = ends > nowSeconds() ? `An emergency is in force until ${dateTime(ends)}. ` : '';
    setText(emergencyNote, `${inForce}An emergency lets ${p.emergencyThreshold} approval${Number(p.emergencyThreshold) === 1 ? '' : 's'} pay small urgent requests and may use the reserve. `
      + `Declaring one needs ${m} steward approval${m === 1 ? '' : 's'}.`);
  }
  aidAsset.addEventListener('change', () => pool && update(pool));

  return { root, update };
}

