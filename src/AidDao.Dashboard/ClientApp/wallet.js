// The visitor's EIP-1193 wallet (window.ethereum): account, chain, switching chains, and the signer transactions use.
import { BrowserProvider, getAddress, hexlify, toUtf8Bytes } from 'ethers';
import { store, setWallet } from './state.js';
import { UserError } from './format.js';

export const NO_WALLET_MESSAGE =
  "No wallet found: install a browser wallet such as MetaMask, or open this page in your wallet's browser.";

let listening = false;

function provider() {
  return window.ethereum ?? null;
}

function toAccount(accounts) {
  const first = Array.isArray(accounts) ? accounts[0] : null;
  try {
    return first ? getAddress(first) : null;
  } catch {
    return null;
  }
}

function toChainId(value) {
  try {
    return value === null || value === undefined ? null : Number(BigInt(value));
  } catch {
    return null;
  }
}

/** The error code of an EIP-1193 error, looking inside the wrappers some wallets add. */
export function walletErrorCode(err) {
  return err?.code ?? err?.data?.originalError?.code ?? err?.error?.code ?? err?.info?.error?.code;
}

/** Reads the account already connected (no prompt) and the chain, and follows accountsChanged / chainChanged. */
export async function initWallet() {
  const eth = provider();
  if (!eth) {
    setWallet({ available: false, account: null, chainId: null });
    // Some mobile wallets inject window.ethereum after the page has loaded.
    window.addEventListener('ethereum#initialized', () => initWallet(), { once: true });
    return;
  }
  setWallet({ available: true });
  if (!listening && typeof eth.on === 'function') {
    listening = true;
    eth.on('accountsChanged', (accounts) => setWallet({ account: toAccount(accounts) }));
    eth.on('chainChanged', (chainId) => setWallet({ chainId: toChainId(chainId) }));
  }
  try {
    const [accounts, chainId] = await Promise.all([eth.request({ method: 'eth_accounts' }), eth.request({ method: 'eth_chainId' })]);
    setWallet({ account: toAccount(accounts), chainId: toChainId(chainId) });
  } catch (err) {
    console.warn('aiddao: could not read the wallet', err);
  }
}

/** Asks the wallet to connect (shows its prompt); returns the account. */
export async function connectWallet() {
  const eth = provider();
  if (!eth) throw new UserError(NO_WALLET_MESSAGE);
  const accounts = await eth.request({ method: 'eth_requestAccounts' });
  const chainId = await eth.request({ method: 'eth_chainId' });
  const account = toAccount(accounts);
  setWallet({ available: true, account, chainId: toChainId(chainId) });
  if (!account) throw new UserError('Your wallet did not share an account. Unlock it and try again.');
  return account;
}

/** Whether the wallet is connected to a chain other than the dashboard's. */
export function isWrongChain() {
  const want = store.chain?.chainId;
  const have = store.wallet.chainId;
  return want !== undefined && want !== null && have !== null && have !== undefined && Number(have) !== Number(want);
}

/** "Your wallet is on chain X; switch to <name> (chain Y)" */
export function wrongChainText() {
  const chain = store.chain;
  return `Your wallet is on chain ${store.wallet.chainId}; switch to ${chain?.name ?? 'the dashboard\'s chain'} (chain ${chain?.chainId})`;
}

function explorerBase(template) {
  if (!template) return null;
  const match = /^(https?:\/\/[^{]+?)\/tx\/\{tx\}/.exec(template);
  return match ? match[1] : null;
}

/**
 * Asks the wallet to switch to the dashboard's chain. When the wallet does not know the chain (4902), it is added
 * first with the node URL the server publishes; without one (the server never publishes a private node's URL), the
 * person is asked to add the chain in their wallet.
 */
export async function switchChain() {
  const eth = provider();
  if (!eth) throw new UserError(NO_WALLET_MESSAGE);
  const chain = store.chain;
  const chainId = `0x${Number(chain.chainId).toString(16)}`;
  try {
    await eth.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  } catch (err) {
    if (Number(walletErrorCode(err)) !== 4902) throw err;
    if (!chain.rpcUrl) {
      throw new UserError(`Your wallet does not know ${chain.name ?? 'this chain'} (chain ${chain.chainId}): `
        + "add it in your wallet's network settings, then press Switch again.");
    }
    const base = explorerBase(chain.explorerTxUrl);
    await eth.request({
      method: 'wallet_addEthereumChain',
      params: [{
        chainId,
        chainName: chain.name,
        rpcUrls: [chain.rpcUrl],
        nativeCurrency: { name: chain.nativeSymbol, symbol: chain.nativeSymbol, decimals: 18 },
        ...(base ? { blockExplorerUrls: [base] } : {}),
      }],
    });
    // Some wallets add a chain without moving to it.
    if (toChainId(await eth.request({ method: 'eth_chainId' })) !== Number(chain.chainId)) {
      await eth.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
    }
  }
  setWallet({ chainId: toChainId(await eth.request({ method: 'eth_chainId' })) });
}

/** A signer for the connected account on the dashboard's chain; connects first when needed. Throws UserError. */
export async function getSigner() {
  const eth = provider();
  if (!eth) throw new UserError(NO_WALLET_MESSAGE);
  const account = store.wallet.account ?? (await connectWallet());
  if (isWrongChain()) throw new UserError(`${wrongChainText()} first, with the button at the top of the page.`);
  // A fresh provider each time: ethers refuses to reuse one after the wallet changed chain.
  const browser = new BrowserProvider(eth);
  return browser.getSigner(account);
}

/** Signs `message` with personal_sign (EIP-191) by `address`. */
export async function personalSign(message, address) {
  const eth = provider();
  if (!eth) throw new UserError(NO_WALLET_MESSAGE);
  return eth.request({ method: 'personal_sign', params: [hexlify(toUtf8Bytes(message)), address] });
}
