// Community: steward and member counts with collapsible lists, the viewer's role, and vouching for a newcomer.
import { h, replace, setText, show, field } from '../dom.js';
import { sameAddress, short } from '../format.js';
import { on, store, viewerRole } from '../state.js';
import { COMMUNITY_ABI } from '../abi.js';
import { contractAt, runTx, send, showDone } from '../transactions.js';
import { getSigner } from '../wallet.js';
import { actionForm, addressInput, parseAddress } from './forms.js';

function addressList(addresses, testid) {
  return h('ul', { class: 'address-list', testid },
    addresses.map((a) => h('li', { class: 'mono', title: a, dataset: { address: a } },
      short(a), sameAddress(a, store.wallet.account) ? h('span', { class: 'badge badge-you' }, 'you') : null)));
}

export function mountCommunity(root) {
  const body = h('div');
  const candidate = addressInput('vouch-candidate');
  const vouchNote = h('p', { class: 'muted small' });
  const vouchForm = actionForm({ class: 'form', testid: 'vouch-form' }, [
    h('h3', null, 'Vouch for a newcomer'),
    vouchNote,
    field('Their address', candidate),
    h('button', { type: 'submit', class: 'btn btn-primary', testid: 'vouch-submit' }, 'Vouch'),
  ], () => runTx(async () => {
    const who = parseAddress(candidate.value, 'The newcomer\'s address');
    const signer = await getSigner();
    const community = contractAt(store.community.address, COMMUNITY_ABI, signer);
    const receipt = await send(community, 'vouch', [who]);
    candidate.value = '';
    showDone(receipt, `Your vouch for ${short(who)} is recorded.`);
  }));

  root.append(h('h2', null, 'Community'), body, vouchForm);

  const render = () => {
    const c = store.community;
    if (!c) {
      replace(body, h('p', { class: 'muted' }, 'No community is indexed yet.'));
      show(vouchForm, false);
      return;
    }
    const stewards = c.stewards ?? [];
    const members = c.members ?? [];
    const role = viewerRole();
    const roleText = role === 'steward' ? 'You are a steward of this community.'
      : role === 'member' ? 'You are a member of this community.'
        : role === 'visitor' ? 'Your account is not a member. You can still give to a pool or a round.' : null;
    replace(body,
      h('p', { class: 'stats' },
        h('span', { class: 'stat' }, h('strong', { testid: 'steward-count' }, String(stewards.length)), stewards.length === 1 ? ' steward' : ' stewards'),
        h('span', { class: 'stat' }, h('strong', { testid: 'member-count' }, String(members.length)), members.length === 1 ? ' member' : ' members')),
      h('p', { class: 'muted small', testid: 'community-threshold' },
        `A decision needs ${c.threshold} of ${stewards.length} stewards. Admitting a member needs ${c.admissionApprovals} steward approval${Number(c.admissionApprovals) === 1 ? '' : 's'}`,
        Number(c.vouchesRequired) > 0 ? ` or ${c.vouchesRequired} vouches from members.` : '.'),
      roleText ? h('p', { class: `role role-${role}`, testid: 'viewer-role', dataset: { role } }, roleText) : null,
      h('details', { class: 'disclosure' }, h('summary', null, `Stewards (${stewards.length})`), addressList(stewards, 'steward-list')),
      h('details', { class: 'disclosure' }, h('summary', null, `Members (${members.length})`), addressList(members, 'member-list')));
    const canVouch = (role === 'member' || role === 'steward') && Number(c.vouchesRequired) > 0;
    show(vouchForm, canVouch);
    setText(vouchNote, `A newcomer joins when ${c.vouchesRequired} members have vouched for them. Vouch only for someone you know.`);
  };
  on('overview', render);
  on('community', render);
  on('wallet', render);
  render();
}
