// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {ICommunity} from "../interfaces/ICommunity.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {StewardTerms} from "./StewardTerms.sol";

/// @title Community
/// @notice Stewards, members and M-of-N governance for one AidDao community. Deployed once as an
/// implementation; each community is an EIP-1167 clone set up by CommunityFactory.
/// @dev Approvals are counted against steward terms (see StewardTerms), so approvals of removed stewards stop
/// counting without touching pending proposals.
contract Community is ICommunity, Initializable, StewardTerms {
    /// @notice The largest K (member vouches needed to admit).
    uint256 public constant MAX_VOUCHES_REQUIRED = 64;
    /// @notice The most founding members (besides stewards) a community can be created with.
    uint256 public constant MAX_FOUNDING_MEMBERS = 200;
    /// @notice How long a proposal stays open.
    uint64 public constant PROPOSAL_LIFETIME = 30 days;

    string private _name;
    address private _token;

    mapping(address account => bool) private _members;
    uint256 private _memberCount;

    uint256 private _threshold;
    uint256 private _admissionApprovals;
    uint256 private _vouchesRequired;

    /// @dev Bumped when a member is removed, so a later admission starts from no approvals and no vouches.
    mapping(address candidate => uint256 round) private _admissionRound;
    mapping(address candidate => mapping(uint256 round => mapping(address steward => uint256 term))) private _admissionApprovalTerm;
    mapping(address candidate => mapping(uint256 round => mapping(address voucher => bool))) private _vouched;
    mapping(address candidate => mapping(uint256 round => uint256 count)) private _vouchCount;

    uint256 private _proposalCount;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => mapping(address steward => uint256 term)) private _proposalApprovalTerm;

    modifier onlySteward() {
        if (_termOf(msg.sender) == 0) revert CommunityNotSteward(msg.sender);
        _;
    }

    modifier onlyMember() {
        if (!_members[msg.sender]) revert CommunityNotMember(msg.sender);
        _;
    }

    /// @dev The implementation itself is never set up; only clones are.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ICommunity
    function initialize(CommunitySetup calldata setup, address token_) external initializer {
        if (token_ == address(0)) revert CommunityZeroAddress();
        uint256 stewardTotal = setup.stewards.length;
        if (stewardTotal > MAX_STEWARDS) revert CommunityTooManyStewards(stewardTotal, MAX_STEWARDS);
        if (setup.members.length > MAX_FOUNDING_MEMBERS) {
            revert CommunityTooManyFoundingMembers(setup.members.length, MAX_FOUNDING_MEMBERS);
        }
        _name = setup.name;
        _token = token_;
        for (uint256 i = 0; i < stewardTotal; ++i) {
            _addSteward(setup.stewards[i], AdmissionPath.Founding);
        }
        for (uint256 i = 0; i < setup.members.length; ++i) {
            _admit(setup.members[i], AdmissionPath.Founding);
        }
        _validateThreshold(setup.threshold, stewardTotal);
        _validateAdmissionApprovals(setup.admissionApprovals, stewardTotal);
        _validateVouchesRequired(setup.vouchesRequired);
        _threshold = setup.threshold;
        _admissionApprovals = setup.admissionApprovals;
        _vouchesRequired = setup.vouchesRequired;
        emit CommunityInitialized(setup.name, token_, setup.threshold, setup.admissionApprovals, setup.vouchesRequired);
    }

    // ------------------------------------------------------------------------------------------- members

    /// @inheritdoc ICommunity
    function approveAdmission(address candidate) external onlySteward returns (bool admitted) {
        if (candidate == address(0)) revert CommunityZeroAddress();
        if (_members[candidate]) revert CommunityAlreadyMember(candidate);
        uint256 round = _admissionRound[candidate];
        mapping(address => uint256) storage approvals = _admissionApprovalTerm[candidate][round];
        if (!_recordApproval(approvals, msg.sender)) revert CommunityAdmissionAlreadyApproved(candidate, msg.sender);
        uint256 count = _countCurrentApprovals(approvals);
        emit AdmissionApproved(candidate, msg.sender, count, _admissionApprovals);
        if (count >= _admissionApprovals) {
            _admit(candidate, AdmissionPath.Stewards);
            return true;
        }
        return false;
    }

    /// @inheritdoc ICommunity
    function vouch(address candidate) external onlyMember returns (bool admitted) {
        uint256 required = _vouchesRequired;
        if (required == 0) revert CommunityVouchingDisabled();
        if (candidate == address(0)) revert CommunityZeroAddress();
        if (_members[candidate]) revert CommunityAlreadyMember(candidate);
        uint256 round = _admissionRound[candidate];
        if (_vouched[candidate][round][msg.sender]) revert CommunityAlreadyVouched(candidate, msg.sender);
        _vouched[candidate][round][msg.sender] = true;
        uint256 count = ++_vouchCount[candidate][round];
        emit Vouched(candidate, msg.sender, count, required);
        if (count >= required) {
            _admit(candidate, AdmissionPath.Vouches);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------- governance

    /// @inheritdoc ICommunity
    function propose(ProposalAction action, address target, uint256 value) external onlySteward returns (uint256 proposalId) {
        _validateAction(action, target, value);
        proposalId = ++_proposalCount;
        uint64 expiresAt = uint64(block.timestamp) + PROPOSAL_LIFETIME;
        _proposals[proposalId] = Proposal({
            action: action,
            status: ProposalStatus.Pending,
            expiresAt: expiresAt,
            proposer: msg.sender,
            target: target,
            value: value
        });
        emit ProposalCreated(proposalId, msg.sender, action, target, value, expiresAt);
        _approve(proposalId);
    }

    /// @inheritdoc ICommunity
    function approve(uint256 proposalId) external onlySteward returns (bool executed) {
        _requirePending(proposalId);
        return _approve(proposalId);
    }

    /// @inheritdoc ICommunity
    function execute(uint256 proposalId) external {
        _requirePending(proposalId);
        uint256 count = _countCurrentApprovals(_proposalApprovalTerm[proposalId]);
        if (count < _threshold) revert CommunityThresholdNotReached(proposalId, count, _threshold);
        _execute(proposalId);
    }

    /// @inheritdoc ICommunity
    function cancel(uint256 proposalId) external onlySteward {
        Proposal storage proposal = _requirePending(proposalId);
        if (proposal.proposer != msg.sender) revert CommunityNotProposer(proposalId, msg.sender);
        proposal.status = ProposalStatus.Cancelled;
        emit ProposalCancelled(proposalId, msg.sender);
    }

    // ------------------------------------------------------------------------------------------- views

    /// @inheritdoc ICommunity
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc ICommunity
    function token() external view returns (address) {
        return _token;
    }

    /// @inheritdoc ICommunity
    function isSteward(address account) external view returns (bool) {
        return _termOf(account) != 0;
    }

    /// @inheritdoc ICommunity
    function isMember(address account) external view returns (bool) {
        return _members[account];
    }

    /// @inheritdoc ICommunity
    function stewardCount() external view returns (uint256) {
        return _stewardTotal();
    }

    /// @inheritdoc ICommunity
    function memberCount() external view returns (uint256) {
        return _memberCount;
    }

    /// @inheritdoc ICommunity
    function stewards() external view returns (address[] memory) {
        return _stewardList();
    }

    /// @inheritdoc ICommunity
    function threshold() external view returns (uint256) {
        return _threshold;
    }

    /// @inheritdoc ICommunity
    function admissionApprovals() external view returns (uint256) {
        return _admissionApprovals;
    }

    /// @inheritdoc ICommunity
    function vouchesRequired() external view returns (uint256) {
        return _vouchesRequired;
    }

    /// @inheritdoc ICommunity
    function admissionApprovalCount(address candidate) external view returns (uint256) {
        return _countCurrentApprovals(_admissionApprovalTerm[candidate][_admissionRound[candidate]]);
    }

    /// @inheritdoc ICommunity
    function vouchCount(address candidate) external view returns (uint256) {
        return _vouchCount[candidate][_admissionRound[candidate]];
    }

    /// @inheritdoc ICommunity
    function hasVouched(address candidate, address voucher) external view returns (bool) {
        return _vouched[candidate][_admissionRound[candidate]][voucher];
    }

    /// @inheritdoc ICommunity
    function proposalCount() external view returns (uint256) {
        return _proposalCount;
    }

    /// @inheritdoc ICommunity
    function getProposal(uint256 proposalId) external view returns (Proposal memory) {
        if (_proposals[proposalId].status == ProposalStatus.None) revert CommunityUnknownProposal(proposalId);
        return _proposals[proposalId];
    }

    /// @inheritdoc ICommunity
    function approvalCount(uint256 proposalId) external view returns (uint256) {
        return _countCurrentApprovals(_proposalApprovalTerm[proposalId]);
    }

    /// @inheritdoc ICommunity
    function hasApproved(uint256 proposalId, address steward) external view returns (bool) {
        return _approvedInTerm(_proposalApprovalTerm[proposalId], steward);
    }

    /// @inheritdoc ICommunity
    function stewardTerm(address account) external view returns (uint256) {
        return _termOf(account);
    }

    // ------------------------------------------------------------------------------------------- internals

    function _requirePending(uint256 proposalId) private view returns (Proposal storage proposal) {
        proposal = _proposals[proposalId];
        if (proposal.status == ProposalStatus.None) revert CommunityUnknownProposal(proposalId);
        if (proposal.status != ProposalStatus.Pending) revert CommunityProposalNotPending(proposalId, proposal.status);
        if (block.timestamp >= proposal.expiresAt) revert CommunityProposalExpired(proposalId, proposal.expiresAt);
    }

    /// @dev Records the caller's approval and executes when M current stewards have approved.
    function _approve(uint256 proposalId) private returns (bool executed) {
        mapping(address => uint256) storage approvals = _proposalApprovalTerm[proposalId];
        if (!_recordApproval(approvals, msg.sender)) revert CommunityProposalAlreadyApproved(proposalId, msg.sender);
        uint256 count = _countCurrentApprovals(approvals);
        emit ProposalApproved(proposalId, msg.sender, count, _threshold);
        if (count >= _threshold) {
            _execute(proposalId);
            return true;
        }
        return false;
    }

    /// @dev Effects first: the proposal is marked executed and the change made before any call to the token; each event
    /// is emitted right after the state change it reports.
    function _execute(uint256 proposalId) private {
        Proposal storage proposal = _proposals[proposalId];
        proposal.status = ProposalStatus.Executed;
        ProposalAction action = proposal.action;
        address target = proposal.target;
        uint256 value = proposal.value;
        // The state may have moved since the proposal was made: check again, with the same errors.
        _validateAction(action, target, value);
        if (action == ProposalAction.AddSteward) {
            _addSteward(target, AdmissionPath.StewardRole);
        } else if (action == ProposalAction.RemoveSteward) {
            _endStewardTerm(target);
            emit StewardRemoved(target);
        } else if (action == ProposalAction.SetThreshold) {
            uint256 previous = _threshold;
            _threshold = value;
            emit ThresholdChanged(previous, value);
        } else if (action == ProposalAction.SetAdmissionApprovals) {
            uint256 previous = _admissionApprovals;
            _admissionApprovals = value;
            emit AdmissionApprovalsChanged(previous, value);
        } else if (action == ProposalAction.SetVouchesRequired) {
            uint256 previous = _vouchesRequired;
            _vouchesRequired = value;
            emit VouchesRequiredChanged(previous, value);
        } else if (action == ProposalAction.RemoveMember) {
            _members[target] = false;
            --_memberCount;
            ++_admissionRound[target];
            emit MemberRemoved(target);
        }
        emit ProposalExecuted(proposalId);
        // Interactions last: the token is a clone this community set up, and it emits MinterSet itself.
        if (action == ProposalAction.SetMinter) {
            IContributionToken(_token).setMinter(target, true);
        } else if (action == ProposalAction.UnsetMinter) {
            IContributionToken(_token).setMinter(target, false);
        }
    }

    /// @dev Checks that `action` can be applied to the current state; reverts with the reason otherwise.
    function _validateAction(ProposalAction action, address target, uint256 value) private view {
        uint256 stewardTotal = _stewardTotal();
        if (action == ProposalAction.SetThreshold) {
            _validateThreshold(value, stewardTotal);
        } else if (action == ProposalAction.SetAdmissionApprovals) {
            _validateAdmissionApprovals(value, stewardTotal);
        } else if (action == ProposalAction.SetVouchesRequired) {
            _validateVouchesRequired(value);
        } else {
            if (target == address(0)) revert CommunityProposalTargetRequired(action);
            if (action == ProposalAction.AddSteward) {
                if (_termOf(target) != 0) revert CommunityAlreadySteward(target);
                if (stewardTotal >= MAX_STEWARDS) revert CommunityTooManyStewards(stewardTotal + 1, MAX_STEWARDS);
            } else if (action == ProposalAction.RemoveSteward) {
                if (_termOf(target) == 0) revert CommunityNotSteward(target);
                // Removing must leave enough stewards to reach M and to admit members.
                _validateThreshold(_threshold, stewardTotal - 1);
                _validateAdmissionApprovals(_admissionApprovals, stewardTotal - 1);
            } else if (action == ProposalAction.RemoveMember) {
                if (!_members[target]) revert CommunityNotMember(target);
                if (_termOf(target) != 0) revert CommunityMemberIsSteward(target);
            } else {
                bool allow = action == ProposalAction.SetMinter;
                if (IContributionToken(_token).isMinter(target) == allow) revert CommunityMinterUnchanged(target, allow);
            }
        }
    }

    function _addSteward(address steward, AdmissionPath path) private {
        if (steward == address(0)) revert CommunityZeroAddress();
        if (!_grantStewardTerm(steward)) revert CommunityAlreadySteward(steward);
        emit StewardAdded(steward);
        if (!_members[steward]) _admit(steward, path);
    }

    function _admit(address member, AdmissionPath path) private {
        if (member == address(0)) revert CommunityZeroAddress();
        if (_members[member]) revert CommunityAlreadyMember(member);
        _members[member] = true;
        ++_memberCount;
        emit MemberAdmitted(member, path);
    }

    function _validateThreshold(uint256 value, uint256 stewardTotal) private pure {
        if (value == 0 || value > stewardTotal) revert CommunityInvalidThreshold(value, stewardTotal);
    }

    function _validateAdmissionApprovals(uint256 value, uint256 stewardTotal) private pure {
        if (value == 0 || value > stewardTotal) revert CommunityInvalidAdmissionApprovals(value, stewardTotal);
    }

    function _validateVouchesRequired(uint256 value) private pure {
        if (value > MAX_VOUCHES_REQUIRED) revert CommunityInvalidVouchesRequired(value, MAX_VOUCHES_REQUIRED);
    }
}
