// The windows of a round and the countdown to the next boundary (chain time ≈ the page's clock).
import { countdown, dateTime, nowSeconds } from '../format.js';

/**
 * Where a round stands now and the next boundary: { phase, label, endsAt } (endsAt null when nothing is ahead).
 * Computed from the schedule so it moves on while the page is open; the server's phase is used when the schedule
 * cannot tell (cancelled, finalised without a claim deadline).
 */
export function roundWindow(round, now = nowSeconds()) {
  const s = round.schedule ?? {};
  if (round.status === 'cancelled') return { phase: 'cancelled', label: 'Cancelled: contributions are refunded', endsAt: null };
  if (round.status === 'finalized') {
    if (s.claimDeadline && now < Number(s.claimDeadline)) return { phase: 'claims', label: 'Claims close in', endsAt: Number(s.claimDeadline) };
    return { phase: 'closed', label: 'Closed', endsAt: null };
  }
  const steps = [
    ['upcoming', 'Applications open in', s.applicationsStart],
    ['applications', 'Applications close in', s.applicationsEnd],
    ['vetting', 'Voting opens in', s.vettingEnd],
    ['voting', 'Voting closes in', s.votingEnd],
    ['review', 'Results can be finalised in', s.finalizeFrom],
  ];
  for (const [phase, label, end] of steps) {
    if (end !== null && end !== undefined && now < Number(end)) return { phase, label, endsAt: Number(end) };
  }
  return { phase: 'finalizable', label: 'Voting is over: anyone may finalise the results now', endsAt: null };
}

export const PHASE_WORDS = {
  upcoming: 'Not open yet',
  applications: 'Taking applications',
  vetting: 'Stewards are reviewing applications',
  voting: 'Open for contributions',
  review: 'Review period',
  finalizable: 'Ready to finalise',
  claims: 'Finalised: projects are claiming',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** Updates the text of one countdown element for `round`. */
export function paintCountdown(el, round) {
  const w = roundWindow(round);
  const text = w.endsAt ? `${w.label} ${countdown(w.endsAt - nowSeconds())}` : w.label;
  if (el.textContent !== text) el.textContent = text;
  el.dataset.phase = w.phase;
  if (w.endsAt) el.title = dateTime(w.endsAt);
}
