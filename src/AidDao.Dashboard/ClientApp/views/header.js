// Header: community name, indexed block, live connection state, wallet, wrong-chain prompt, steward sign-in.
import { h, replace, setText, show } from '../dom.js';
import { dateTime, short } from '../format.js';
import { on, store, viewerRole } from '../state.js';
import { connectWallet, isWrongChain, switchChain, walletErrorCode, wrongChainText } from '../wallet.js';
import { describeError, showError, clearTx } from '../transactions.js';
import { isStewardSession, signIn, signOut } from '../siwe.js';

const CONNECTION_TEXT = { live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' };

export function mountHeader() {
  const name = document.querySelector('[data-testid="community-name"]');
  const block = document.querySelector('[data-testid="cursor-block"]');
  const connection = document.querySelector('[data-testid="connection-state"]');
  const walletBox = document.getElementById('wallet');
  const wrong = document.querySelector('[data-testid="wrong-chain"]');
  const stewardBar = document.getElementById('steward-bar');

  const renderName = () => {
    const text = store.community?.name ?? 'AidDao';
    setText(name, text);
    document.title = `${text} · AidDao dashboard`;
  };
  const renderCursor = () => setText(block, store.cursor ? Number(store.cursor.block).toLocaleString('en-US') : '…');
  const renderConnection = () => {
    connection.dataset.state = store.connection;
    setText(connection.querySelector('.conn-text'), CONNECTION_TEXT[store.connection] ?? store.connection);
  };

  const connectButton = h('button', {
    type: 'button',
    class: 'btn btn-primary',
    testid: 'wallet-connect',
    onclick: async () => {
      clearTx();
      try {
        await connectWallet();
      } catch (err) {
        showError(await describeError(err));
      }
    },
  }, 'Connect wallet');
  const account = h('span', { class: 'wallet-account', testid: 'wallet-account' });
  const chain = h('span', { class: 'wallet-chain', testid: 'wallet-chain' });
  const role = h('span', { class: 'wallet-role', testid: 'wallet-role' });
  const connected = h('div', { class: 'wallet-connected' }, account, h('span', { class: 'wallet-meta' }, chain, role));

  const renderWallet = () => {
    const w = store.wallet;
    const c = store.chain;
    if (!w.account) {
      replace(walletBox, connectButton);
    } else {
      setText(account, short(w.account));
      account.title = w.account;
      account.dataset.address = w.account;
      const onChain = c && Number(w.chainId) === Number(c.chainId);
      setText(chain, onChain ? `${c.name} (chain ${w.chainId})` : `chain ${w.chainId ?? '?'}`);
      chain.dataset.chainId = String(w.chainId ?? '');
      const r = viewerRole();
      setText(role, r === 'steward' ? 'steward' : r === 'member' ? 'member' : 'not a member');
      role.dataset.role = r ?? '';
      replace(walletBox, connected);
    }
    const wrongChain = !!w.account && isWrongChain();
    show(wrong, wrongChain);
    if (wrongChain) {
      replace(wrong,
        h('span', { class: 'wrong-chain-text' }, wrongChainText()),
        h('button', {
          type: 'button',
          class: 'btn btn-primary',
          testid: 'switch-chain',
          onclick: async () => {
            clearTx();
            try {
              await switchChain();
            } catch (err) {
              const code = Number(walletErrorCode(err));
              showError(code === 4001
                ? 'You cancelled the switch in your wallet. The page needs your wallet on the right chain to send anything.'
                : await describeError(err));
            }
          },
        }, `Switch to ${store.chain?.name ?? 'the right chain'}`));
    }
    renderSteward();
  };

  // Steward sign-in (SIWE): shown to stewards, and to anyone with a session.
  const siweStatus = h('span', { class: 'siwe-status', testid: 'siwe-status', role: 'status' });
  const signInButton = h('button', {
    type: 'button',
    class: 'btn',
    testid: 'siwe-signin',
    onclick: async () => {
      signInButton.disabled = true;
      siweStatus.dataset.kind = 'progress';
      setText(siweStatus, 'Sign the message in your wallet…');
      try {
        await signIn();
      } catch (err) {
        siweStatus.dataset.kind = 'error';
        setText(siweStatus, err?.message ?? String(err));
        return;
      } finally {
        signInButton.disabled = false;
      }
      renderSteward();
    },
  }, 'Sign in as steward');
  const signOutButton = h('button', {
    type: 'button',
    class: 'btn btn-quiet',
    testid: 'siwe-signout',
    onclick: async () => {
      try {
        await signOut();
      } catch (err) {
        siweStatus.dataset.kind = 'error';
        setText(siweStatus, err?.message ?? String(err));
      }
    },
  }, 'Sign out');

  function renderSteward() {
    const signedIn = isStewardSession();
    const canSignIn = viewerRole() === 'steward';
    show(stewardBar, signedIn || canSignIn || !!store.session);
    if (signedIn) {
      siweStatus.dataset.kind = 'ok';
      const until = store.session.expiresAt
        ? ` until ${dateTime(typeof store.session.expiresAt === 'number' ? store.session.expiresAt : Date.parse(store.session.expiresAt) / 1000)}`
        : '';
      setText(siweStatus, `Signed in as steward ${short(store.session.address)}${until}: private request details are shown.`);
      replace(stewardBar, siweStatus, signOutButton);
    } else {
      if (siweStatus.dataset.kind === 'ok') {
        delete siweStatus.dataset.kind;
        setText(siweStatus, '');
      }
      if (!siweStatus.textContent) setText(siweStatus, 'Stewards: sign in to read the private details of requests.');
      replace(stewardBar, signInButton, siweStatus);
    }
  }

  on('overview', () => {
    renderName();
    renderCursor();
    renderWallet();
  });
  on('community', () => {
    renderName();
    renderWallet();
  });
  on('cursor', renderCursor);
  on('connection', renderConnection);
  on('wallet', renderWallet);
  on('session', renderSteward);
  renderName();
  renderCursor();
  renderConnection();
  renderWallet();
}
