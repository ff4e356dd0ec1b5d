// Sending transactions from the page: gas estimate first, then the wallet, then the receipt; every failure becomes
// plain words in the tx-error alert, progress goes to tx-status.
import { Contract } from 'ethers';
import { api } from './api.js';
import { UserError } from './format.js';
import { walletErrorCode } from './wallet.js';

let statusEl = null;
let errorEl = null;
let busy = false;

/**
 * Binds the two shared text elements: progress (data-testid tx-status, role=status) and errors (data-testid tx-error,
 * role=alert). Each sits in a .tx-box that is shown while it has text.
 */
export function bindTxUi(status, error) {
  statusEl = status;
  errorEl = error;
}

function setBox(el, text, kind) {
  if (!el) return;
  el.textContent = text ?? '';
  const box = el.closest('.tx-box') ?? el;
  box.hidden = !text;
  for (const target of [el, box]) {
    if (kind) target.dataset.kind = kind;
    else delete target.dataset.kind;
  }
}

/** Shows progress or success (clears the error). */
export function showStatus(text, kind = 'progress') {
  setBox(errorEl, '');
  setBox(statusEl, text, kind);
}

/** Shows an error in plain words (clears the progress line). */
export function showError(text) {
  setBox(statusEl, '');
  setBox(errorEl, text, 'error');
}

/** Clears both. */
export function clearTx() {
  setBox(statusEl, '');
  setBox(errorEl, '');
}

const REVERT_HEX = /^0x([0-9a-fA-F]{8}([0-9a-fA-F]{64})*)?$/;
// Keys that lead to the revert data in ethers v6 errors and in the wrappers of wallets and JSON-RPC nodes. Not
// `transaction` or `payload`: those hold the call data we sent, which looks like revert data.
const FOLLOW = ['data', 'error', 'info', 'cause', 'originalError', 'body'];

/**
 * Finds the revert data (hex: selector + ABI words, or "0x" for a bare revert) in an error from ethers v6, a wallet
 * or a JSON-RPC node: err.data, err.info.error.data, err.error.data, nested JSON-RPC error objects, JSON bodies, and
 * as a last resort a hex string in a "reverted" message. Returns null when there is none.
 */
export function findRevertData(err) {
  const seen = new Set();
  const queue = [[err, 0]];
  let bare = null;
  while (queue.length) {
    const [x, depth] = queue.shift();
    if (x === null || x === undefined || depth > 8) continue;
    if (typeof x === 'string') {
      if (REVERT_HEX.test(x)) {
        if (x.length > 2) return x;
        bare ??= x;
      } else if (x.startsWith('{')) {
        try {
          queue.push([JSON.parse(x), depth + 1]);
        } catch {
          // not JSON
        }
      }
      continue;
    }
    if (typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    for (const key of FOLLOW) if (key in x) queue.push([x[key], depth + 1]);
  }
  if (bare) return bare;
  for (const message of [err?.message, err?.info?.error?.message, err?.error?.message]) {
    if (typeof message !== 'string' || !/revert/i.test(message)) continue;
    for (const m of message.matchAll(/0x[0-9a-fA-F]+/g)) if (m[0].length > 10 && REVERT_HEX.test(m[0])) return m[0];
  }
  return null;
}

/** Whether the person refused the request in their wallet. */
export function isUserRejection(err) {
  if (err?.code === 'ACTION_REJECTED') return true;
  if (Number(walletErrorCode(err)) === 4001) return true;
  const message = String(err?.info?.error?.message ?? err?.error?.message ?? err?.message ?? '');
  return /user (rejected|denied|cancel)/i.test(message);
}

/**
 * Plain words for any failure of a wallet action. Revert data is decoded by the server (POST /api/revert).
 * @param {unknown} err
 * @param {'transaction'|'signature'} what
 */
export async function describeError(err, what = 'transaction') {
  if (err instanceof UserError) return err.message;
  if (isUserRejection(err)) {
    return what === 'signature' ? 'You cancelled the signature in your wallet.' : 'You cancelled the transaction in your wallet.';
  }
  const data = findRevertData(err);
  if (data !== null) {
    if (data === '0x') return 'The contract refused the transaction without giving a reason.';
    try {
      const decoded = await api.revert(data);
      if (decoded?.message) return decoded.message;
      if (decoded?.error) return `The contract refused the transaction (${decoded.error}).`;
    } catch {
      // fall through to what ethers knows
    }
    return err?.reason ? `The contract refused the transaction: ${err.reason}.` : `The contract refused the transaction (error data ${data.slice(0, 10)}).`;
  }
  if (err?.code === 'INSUFFICIENT_FUNDS' || /insufficient funds/i.test(String(err?.message))) {
    return 'Your wallet does not have enough ETH for this amount plus the network fee.';
  }
  if (err?.code === 'NETWORK_ERROR' || err?.code === 'TIMEOUT') {
    return 'Your wallet could not reach the chain. Check its network connection and try again.';
  }
  if (err?.code === 'CALL_EXCEPTION' && err?.receipt) {
    return `The transaction failed on the chain (block ${err.receipt.blockNumber}); nothing changed. Try again, or ask a steward.`;
  }
  if (Number(walletErrorCode(err)) === -32002) return 'Your wallet already has a request waiting: open it and answer it first.';
  const text = String(err?.shortMessage ?? err?.info?.error?.message ?? err?.message ?? err).slice(0, 300);
  return `Your wallet reported a problem: ${text}`;
}

/** A contract bound to the signer. */
export function contractAt(address, abi, signer) {
  return new Contract(address, abi, signer);
}

/**
 * The gas limit to send with. Normally the estimate + 20 % + 10,000. With `generous` (a steward's request `approve`
 * or `approveChange`), ×1.5 + 150,000: when another steward's approval lands first, this one becomes the approval that
 * pays or executes, which costs far more gas than estimated. Capped by the latest block's gas limit when it can be read.
 */
export async function gasLimitFor(estimate, generous, provider) {
  const normal = (estimate * 120n) / 100n + 10000n;
  if (!generous) return normal;
  let limit = (estimate * 3n) / 2n + 150000n;
  try {
    const block = await provider?.getBlock?.('latest');
    const cap = block?.gasLimit ? BigInt(block.gasLimit) : null;
    if (cap && limit > cap) limit = cap > normal ? cap : normal;
  } catch {
    // the block could not be read: keep the generous limit
  }
  return limit;
}

/**
 * Sends one transaction: estimates gas first (a revert is caught here, before the wallet asks), sends with a margin
 * (see {@link gasLimitFor}), waits for the receipt. `step` prefixes the progress text ("Step 1 of 2 (allow the pool to
 * take 10 DAI)").
 */
export async function send(contract, method, args, { value, step, generousGas = false } = {}) {
  const fn = contract.getFunction(method);
  const overrides = value !== undefined ? { value } : {};
  const prefix = step ? `${step}: ` : '';
  showStatus(`${prefix}Checking with the chain…`);
  const estimate = await fn.estimateGas(...args, overrides);
  const gasLimit = await gasLimitFor(estimate, generousGas, contract.runner?.provider);
  showStatus(`${prefix}Confirm in your wallet…`);
  const tx = await fn(...args, { ...overrides, gasLimit });
  showStatus(`${prefix}Sent… waiting for the chain`);
  try {
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw Object.assign(new Error('transaction failed'), { code: 'CALL_EXCEPTION', receipt });
    return receipt;
  } catch (err) {
    // Replay the call at the failed block to learn why (the revert data is not in a receipt).
    if (err?.receipt && contract.runner?.call) {
      try {
        await contract.runner.call({ to: tx.to, data: tx.data, value: tx.value, from: tx.from, blockTag: err.receipt.blockNumber });
      } catch (replayErr) {
        if (findRevertData(replayErr) !== null) throw replayErr;
      }
    }
    throw err;
  }
}

/**
 * Runs one wallet action with shared progress and error display. `work` does the sends and returns the text to show
 * after "Done in block N" (or an object { block, text }). Returns work's result, or null when it failed (the
 * error is shown). Only one action runs at a time.
 */
export async function runTx(work) {
  if (busy) {
    showError('Another transaction is still in progress: wait for it to finish.');
    return null;
  }
  busy = true;
  clearTx();
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof UserError) && !isUserRejection(err) && findRevertData(err) === null) console.warn('aiddao: transaction failed', err);
    showError(await describeError(err));
    return null;
  } finally {
    busy = false;
  }
}

/** "Done in block N" plus an optional sentence. */
export function showDone(receipt, extra) {
  showStatus(`Done in block ${receipt.blockNumber}.${extra ? ` ${extra}` : ''}`, 'done');
}

/**
 * ERC-20: makes sure `spender` may take `amount` from `owner`, and returns how many wallet steps that took (0, 1 or
 * 2). Tokens such as USDT refuse to change a non-zero allowance to another non-zero one, so a short non-zero
 * allowance is first set to 0, then to `amount` (two steps). `what` says what the allowance is for ("allow the pool
 * to take 10 DAI"); the steps are numbered out of the approvals plus the one transaction that follows them.
 */
export async function ensureAllowance(token, owner, spender, amount, what) {
  const allowance = await token.getFunction('allowance')(owner, spender);
  if (allowance >= amount) return 0;
  if (allowance > 0n) {
    await send(token, 'approve', [spender, 0n],
      { step: 'Step 1 of 3 (this token needs its old allowance set to 0 before a new one: two approvals in your wallet)' });
    await send(token, 'approve', [spender, amount], { step: `Step 2 of 3 (${what})` });
    return 2;
  }
  await send(token, 'approve', [spender, amount], { step: `Step 1 of 2 (${what})` });
  return 1;
}

/** The step label of the transaction that follows {@link ensureAllowance}'s `steps` approvals (undefined after none). */
export function stepAfter(steps, what) {
  return steps ? `Step ${steps + 1} of ${steps + 1} (${what})` : undefined;
}
