// The forms of one round: what-if estimate, contribute (ETH or ERC-20), and quadratic voting.
import { h, field, fillSelect, setText, show } from '../dom.js';
import { amount, lc, parseAmount, plainDecimal, projectName, UserError, ZERO_ADDRESS } from '../format.js';
import { store, viewerRole } from '../state.js';
import { ERC20_ABI, ROUND_ABI } from '../abi.js';
import { contractAt, ensureAllowance, runTx, send, showDone, stepAfter } from '../transactions.js';
import { getSigner } from '../wallet.js';
import { api } from '../api.js';
import { actionForm, amountInput } from './forms.js';
import { roundWindow } from './roundTime.js';

function projectOptions(round) {
  return (round.projects ?? []).filter((p) => p.status === 'approved').map((p) => ({ value: p.id, label: projectName(p) }));
}

function chosenProject(select) {
  if (!select.value) throw new UserError('Choose a project.');
  return select.value;
}

export function roundForms(roundAddress) {
  let round = null;
  const current = () => store.rounds.get(lc(roundAddress)) ?? round;

  // ---- what-if estimate
  const estimateProject = h('select', { class: 'input', testid: 'estimate-project' });
  const estimateAmount = amountInput('estimate-amount', '10');
  const estimateResult = h('p', { class: 'estimate-result', testid: 'estimate-result', role: 'status', 'aria-live': 'polite' });
  const estimate = actionForm({ class: 'form', testid: 'estimate-form' }, [
    h('h4', null, 'What would my gift add?'),
    field('Project', estimateProject),
    h('div', { class: 'row' },
      field('Amount', estimateAmount),
      h('button', { type: 'submit', class: 'btn', testid: 'estimate-submit' }, 'Estimate')),
    estimateResult,
  ], async () => {
    const r = current();
    estimateResult.dataset.kind = 'progress';
    setText(estimateResult, 'Working it out…');
    try {
      const project = chosenProject(estimateProject);
      // Parsed here ("1,5" and "1,000" are fine) and sent as a plain dot decimal, which the server reads.
      const value = parseAmount(estimateAmount.value, r.asset);
      const answer = await api.estimate(r.address, project, plainDecimal(value, r.asset.decimals), store.wallet.account ?? undefined);
      estimateResult.dataset.kind = 'ok';
      setText(estimateResult, answer?.text ?? `About ${amount(answer?.change ?? 0, r.asset)} more matching.`);
    } catch (err) {
      estimateResult.dataset.kind = 'error';
      setText(estimateResult, err?.message ?? String(err));
    }
  });

  // ---- contribute
  const contributeProject = h('select', { class: 'input', testid: 'contribute-project' });
  const contributeAmount = amountInput('contribute-amount');
  const contributeNote = h('p', { class: 'muted small' });
  const contribute = actionForm({ class: 'form', testid: 'contribute-form' }, [
    h('h4', null, 'Give to a project'),
    contributeNote,
    field('Project', contributeProject),
    h('div', { class: 'row' },
      field('Amount', contributeAmount),
      h('button', { type: 'submit', class: 'btn btn-primary', testid: 'contribute-submit' }, 'Give')),
  ], () => runTx(async () => {
    const r = current();
    const project = chosenProject(contributeProject);
    const value = parseAmount(contributeAmount.value, r.asset);
    if (value < BigInt(r.minimumContribution ?? 0)) {
      throw new UserError(`The smallest gift in this round is ${amount(r.minimumContribution, r.asset)}.`);
    }
    const signer = await getSigner();
    const contract = contractAt(r.address, ROUND_ABI, signer);
    let receipt;
    if (lc(r.asset.address) === ZERO_ADDRESS) {
      receipt = await send(contract, 'contributeTo', [project, value], { value });
    } else {
      const token = contractAt(r.asset.address, ERC20_ABI, signer);
      const steps = await ensureAllowance(token, await signer.getAddress(), r.address, value,
        `allow the round to take ${amount(value, r.asset)}`);
      receipt = await send(contract, 'contributeTo', [project, value], { step: stepAfter(steps, 'give') });
    }
    contributeAmount.value = '';
    const p = (r.projects ?? []).find((x) => String(x.id) === String(project));
    showDone(receipt, `Thank you: ${amount(value, r.asset)} went to ${p ? projectName(p) : `project ${project}`}.`);
  }));

  // ---- quadratic voting
  const voteProject = h('select', { class: 'input', testid: 'vote-project' });
  const voteCredits = h('input', { type: 'text', inputmode: 'numeric', class: 'input', testid: 'vote-credits', placeholder: '9' });
  const vote = actionForm({ class: 'form', testid: 'vote-form' }, [
    h('h4', null, 'Vote with your credits'),
    h('p', { class: 'muted small' }, 'Your votes on a project are the square root of the credits you spend on it: 9 credits give 3 votes, 16 give 4.'),
    field('Project', voteProject),
    h('div', { class: 'row' },
      field('Credits', voteCredits),
      h('button', { type: 'submit', class: 'btn btn-primary', testid: 'vote-submit' }, 'Vote')),
  ], () => runTx(async () => {
    const r = current();
    const project = chosenProject(voteProject);
    const text = voteCredits.value.trim();
    if (!/^\d+$/.test(text) || BigInt(text) === 0n) throw new UserError('Credits are a whole number above zero, like 9.');
    const signer = await getSigner();
    const receipt = await send(contractAt(r.address, ROUND_ABI, signer), 'vote', [[project], [BigInt(text)]]);
    voteCredits.value = '';
    showDone(receipt, `Your ${text} credits are counted.`);
  }));

  const closedNote = h('p', { class: 'muted small', testid: 'round-forms-note' });
  const root = h('div', { class: 'round-forms' }, closedNote, estimate, contribute, vote);

  function update(r) {
    round = r;
    const options = projectOptions(r);
    for (const select of [estimateProject, contributeProject, voteProject]) fillSelect(select, options);
    const active = r.status === 'active';
    const hasProjects = options.length > 0;
    const phase = roundWindow(r).phase;
    show(estimate, active && hasProjects && r.mode !== 'qv');
    show(contribute, active && hasProjects);
    const role = viewerRole();
    show(vote, active && hasProjects && r.mode === 'qv' && (role === 'member' || role === 'steward' || role === null));
    setText(contributeNote, r.mode === 'qv'
      ? 'In this round, gifts go to the project as they are; the matching pool follows the members\' votes.'
      : 'Gifts from members attract matching: many small gifts count more than one large one.');
    let note = '';
    if (!active) note = '';
    else if (!hasProjects) note = 'Gifts open once the stewards have approved projects.';
    else if (phase === 'upcoming' || phase === 'applications' || phase === 'vetting') note = 'Gifts and votes are accepted once voting opens (see the countdown).';
    else if (phase !== 'voting') note = 'Voting has closed: new gifts and votes are refused by the round.';
    setText(closedNote, note);
    show(closedNote, !!note);
  }

  return { root, update };
}
