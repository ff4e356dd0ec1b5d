// Rounds: leaderboard, matching split, countdown, pending applications, payouts and claims, and the forms.
import { h, replace } from '../dom.js';
import { amount, amountNumber, dateTime, lc, projectName, sameAddress, short } from '../format.js';
import { on, store, viewerRole } from '../state.js';
import { splitBars } from '../charts.js';
import { ROUND_ABI } from '../abi.js';
import { contractAt, runTx, send, showDone } from '../transactions.js';
import { getSigner } from '../wallet.js';
import { PHASE_WORDS, paintCountdown, roundWindow } from './roundTime.js';
import { roundForms } from './roundForms.js';

const CLAIM_WORDS = {
  none: '—',
  waiting: 'Not claimed yet',
  paid: 'Paid',
  deferred: 'Payment failed; the recipient can claim',
};

function claimButton(round, p) {
  if (round.status !== 'finalized' || !['waiting', 'deferred'].includes(p.claim)) return null;
  if (!sameAddress(p.recipient, store.wallet.account)) return null;
  return h('button', {
    type: 'button',
    class: 'btn btn-small btn-primary',
    testid: 'project-claim',
    onclick: (event) => runTx(async () => {
      event.target.disabled = true;
      try {
        const signer = await getSigner();
        const receipt = await send(contractAt(round.address, ROUND_ABI, signer), 'claim', [p.id, await signer.getAddress()]);
        showDone(receipt, `${projectName(p)} is paid ${amount(p.total, round.asset)}.`);
      } finally {
        event.target.disabled = false;
      }
    }),
  }, 'Claim');
}

function leaderboard(round, projects) {
  const finalized = round.status === 'finalized';
  const qv = round.mode === 'qv';
  const sym = round.asset.symbol;
  const dec = round.asset.decimals;
  const num = (raw) => amountNumber(raw, dec);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'leaderboard', testid: `round-${lc(round.address)}-leaderboard` },
      h('caption', { class: 'sr-only' }, `Projects of ${round.name}, largest total first. Amounts in ${sym}.`),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Project'),
        h('th', { scope: 'col', class: 'num' }, `Raised`),
        h('th', { scope: 'col', class: 'num' }, 'Givers'),
        qv ? h('th', { scope: 'col', class: 'num' }, 'Votes') : null,
        h('th', { scope: 'col', class: 'num' }, 'Match'),
        h('th', { scope: 'col', class: 'num' }, finalized ? 'Payout' : 'Total'),
        finalized ? h('th', { scope: 'col' }, 'Claim') : null)),
      h('tbody', null, projects.map((p, i) => h('tr', { testid: `project-row-${p.id}`, dataset: { projectId: p.id } },
        h('th', { scope: 'row', class: 'project-name' },
          h('span', { class: 'rank' }, `${i + 1}`),
          h('span', { testid: 'project-name' }, projectName(p)),
          p.capped ? h('span', { class: 'tag', title: 'This project reached the matching cap' }, 'capped') : null),
        h('td', { class: 'num', testid: 'project-raised', 'data-label': 'Raised' }, num(p.raised)),
        h('td', { class: 'num', testid: 'project-contributors', 'data-label': 'Givers' }, String(p.contributors),
          h('span', { class: 'sub' }, `${p.contributions} gift${Number(p.contributions) === 1 ? '' : 's'}`)),
        qv ? h('td', { class: 'num', testid: 'project-votes', 'data-label': 'Votes' }, String(p.votes)) : null,
        h('td', { class: 'num', testid: 'project-match', 'data-label': 'Match', dataset: { final: String(!!p.matchFinal) } }, num(p.match),
          p.matchFinal ? null : h('span', { class: 'sub projected' }, 'projected')),
        h('td', { class: 'num strong', testid: finalized ? 'project-payout' : 'project-total', 'data-label': finalized ? 'Payout' : 'Total' }, num(p.total)),
        finalized
          ? h('td', { class: 'claim', testid: 'project-claim-status', 'data-label': 'Claim', dataset: { claim: p.claim } }, CLAIM_WORDS[p.claim] ?? p.claim,
            p.payoutDeferred && p.claim !== 'deferred' ? ' (push failed)' : '', claimButton(round, p))
          : null))),
      h('tfoot', null, h('tr', null, h('td', { colspan: finalized ? (qv ? 7 : 6) : (qv ? 6 : 5), class: 'muted small' },
        `Amounts in ${sym}. `, finalized ? 'Matches are final.' : 'Matches are projected: what each project would get if the round were finalised now.')))));
}

function applications(round, pending) {
  if (pending.length === 0) return null;
  const steward = viewerRole() === 'steward' && round.status === 'active';
  return h('div', { class: 'applications' },
    h('h4', null, `Waiting for review (${pending.length})`),
    h('ul', { class: 'plain-list' }, pending.map((p) => {
      const review = (approve) => (event) => runTx(async () => {
        const buttons = event.target.parentElement.querySelectorAll('button');
        buttons.forEach((b) => { b.disabled = true; });
        try {
          const signer = await getSigner();
          const receipt = await send(contractAt(round.address, ROUND_ABI, signer), 'reviewProject', [p.id, approve]);
          showDone(receipt, `${projectName(p)} is ${approve ? 'approved' : 'rejected'}.`);
        } finally {
          buttons.forEach((b) => { b.disabled = false; });
        }
      });
      const own = sameAddress(p.applicant, store.wallet.account) || sameAddress(p.recipient, store.wallet.account);
      return h('li', { class: 'application', testid: `project-application-${p.id}`, dataset: { projectId: p.id } },
        h('div', null, h('strong', null, projectName(p)), h('span', { class: 'muted small' }, ` · pays ${short(p.recipient)}, applied by ${short(p.applicant)}`)),
        steward && !own
          ? h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'btn btn-small btn-approve', testid: 'project-approve', onclick: review(true) }, 'Approve'),
            h('button', { type: 'button', class: 'btn btn-small btn-reject', testid: 'project-reject', onclick: review(false) }, 'Reject'))
          : null);
    })));
}

class RoundCard {
  constructor(round) {
    this.address = lc(round.address);
    this.view = h('div', { class: 'round-view' });
    this.forms = roundForms(round.address);
    this.root = h('article', { class: 'card round', testid: `round-${this.address}`, dataset: { address: round.address } }, this.view, this.forms.root);
    this.update(round);
  }

  update(round) {
    const projects = round.projects ?? [];
    const approved = projects.filter((p) => p.status === 'approved');
    const pending = projects.filter((p) => p.status === 'pending');
    const w = roundWindow(round);
    this.root.dataset.phase = w.phase;
    this.root.dataset.status = round.status;
    const countdownEl = h('p', { class: 'countdown', testid: 'round-countdown', dataset: { countdownRound: this.address } });
    paintCountdown(countdownEl, round);
    const finalized = round.status === 'finalized';
    const split = splitBars(approved, round.asset);
    replace(this.view,
      h('header', { class: 'card-head' },
        h('h3', { class: 'card-title' }, round.name),
        h('div', { class: 'badges' },
          h('span', { class: 'badge' }, round.mode === 'qv' ? 'Quadratic voting' : 'Quadratic funding'),
          h('span', { class: `badge badge-phase phase-${w.phase}`, testid: 'round-phase', dataset: { phase: w.phase } }, PHASE_WORDS[w.phase] ?? w.phase))),
      countdownEl,
      h('p', { class: 'small' },
        'Matching pool ', h('strong', { testid: 'round-matching-pool' }, amount(round.matchingPool, round.asset)),
        finalized ? [' · matched ', h('strong', null, amount(round.matched, round.asset)),
          BigInt(round.remainder ?? 0) > 0n ? ` · ${amount(round.remainder, round.asset)} left over goes to the emergency pool` : ''] : '',
        ` · smallest gift ${amount(round.minimumContribution, round.asset)}`,
        Number(round.capBasisPoints) > 0 ? ` · at most ${Number(round.capBasisPoints) / 100} % of the pool per project` : ''),
      finalized && round.schedule?.claimDeadline
        ? h('p', { class: 'muted small' }, `Recipients claim until ${dateTime(round.schedule.claimDeadline)}; unclaimed money goes to the emergency pool.`)
        : null,
      approved.length ? leaderboard(round, approved) : h('p', { class: 'muted' }, 'No approved projects yet.'),
      split ? h('div', { class: 'split-wrap' }, h('h4', null, finalized ? 'How the matching was split' : 'How the matching would be split now'), split) : null,
      applications(round, pending));
    this.forms.update(round);
  }
}

export function mountRounds(root) {
  const list = h('div', { class: 'round-list' });
  const cards = new Map();
  root.append(h('h2', null, 'Funding rounds'), list);
  const renderAll = () => {
    const nodes = [];
    const seen = new Set();
    for (const round of store.rounds.values()) {
      const key = lc(round.address);
      seen.add(key);
      let card = cards.get(key);
      if (card) card.update(round);
      else cards.set(key, (card = new RoundCard(round)));
      nodes.push(card.root);
    }
    for (const key of [...cards.keys()]) if (!seen.has(key)) cards.delete(key);
    if (nodes.length === 0) nodes.push(h('p', { class: 'muted' }, 'No funding rounds yet.'));
    replace(list, nodes);
  };
  on('overview', renderAll);
  on('round', (round) => {
    const card = cards.get(lc(round.address));
    if (card) card.update(round);
    else renderAll();
  });
  on('wallet', renderAll);
  on('community', renderAll);
  renderAll();

  // The countdowns tick every second.
  setInterval(() => {
    for (const el of document.querySelectorAll('[data-countdown-round]')) {
      const round = store.rounds.get(el.dataset.countdownRound);
      if (!round) continue;
      const before = el.dataset.phase;
      paintCountdown(el, round);
      // A window just closed or opened: redraw the card (phase badge, which forms are offered).
      if (before !== el.dataset.phase) cards.get(el.dataset.countdownRound)?.update(round);
    }
  }, 1000);
}
