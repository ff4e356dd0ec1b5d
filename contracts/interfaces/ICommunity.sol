// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ICommunity
/// @notice The membership and stewardship core of an AidDao community.
/// @dev Stewards govern by M-of-N proposals. Members are admitted either by steward approvals (how many is
/// configurable, default 1) or by K vouches from existing members (K = 0 disables vouching). Every change to
/// the steward set, the threshold M, K, the admission approvals, member removal and minter authorisation
/// goes through a proposal that needs M distinct, current stewards. Approvals are counted when a proposal is
/// approved or executed, against the steward set of that moment: a removed steward's approvals stop counting,
/// and a steward who is removed and added again starts with no approvals.
interface ICommunity {
    /// @notice What a proposal does when it passes.
    enum ProposalAction {
        AddSteward, // target: the new steward (also admitted as a member if not one)
        RemoveSteward, // target: the steward to remove (stays a member)
        SetThreshold, // value: the new M
        SetAdmissionApprovals, // value: steward approvals needed to admit a member
        SetVouchesRequired, // value: the new K (0 = stewards only)
        RemoveMember, // target: the member to remove (must not be a steward)
        SetMinter, // target: a contract allowed to mint contribution tokens
        UnsetMinter // target: a minter to revoke
    }

    /// @notice Where a proposal stands.
    enum ProposalStatus {
        None,
        Pending,
        Executed,
        Cancelled
    }

    /// @notice How a member came in.
    enum AdmissionPath {
        Founding,
        Stewards,
        Vouches,
        StewardRole
    }

    /// @notice A governance proposal.
    struct Proposal {
        ProposalAction action;
        ProposalStatus status;
        uint64 expiresAt;
        address proposer;
        address target;
        uint256 value;
    }

    /// @notice The founding set-up of a community, given once at creation.
    struct CommunitySetup {
        string name;
        address[] stewards;
        uint256 threshold;
        uint256 admissionApprovals;
        uint256 vouchesRequired;
        address[] members;
    }

    // ----------------------------------------------------------------------------------------------- events

    /// @notice The community was set up.
    event CommunityInitialized(string name, address indexed token, uint256 threshold, uint256 admissionApprovals, uint256 vouchesRequired);
    /// @notice `steward` became a steward.
    event StewardAdded(address indexed steward);
    /// @notice `steward` is no longer a steward (they stay a member).
    event StewardRemoved(address indexed steward);
    /// @notice The approval threshold M changed.
    event ThresholdChanged(uint256 previousThreshold, uint256 newThreshold);
    /// @notice The number of steward approvals needed to admit a member changed.
    event AdmissionApprovalsChanged(uint256 previousApprovals, uint256 newApprovals);
    /// @notice The number of vouches K needed to admit a member changed (0 = vouching disabled).
    event VouchesRequiredChanged(uint256 previousVouches, uint256 newVouches);
    /// @notice `member` joined the community.
    event MemberAdmitted(address indexed member, AdmissionPath path);
    /// @notice `member` was removed from the community.
    event MemberRemoved(address indexed member);
    /// @notice `steward` approved admitting `candidate`; `approvals` of `required` are now in.
    event AdmissionApproved(address indexed candidate, address indexed steward, uint256 approvals, uint256 required);
    /// @notice `voucher` vouched for `candidate`; `vouches` of `required` are now in.
    event Vouched(address indexed candidate, address indexed voucher, uint256 vouches, uint256 required);
    /// @notice A steward proposed a governance change.
    event ProposalCreated(uint256 indexed proposalId, address indexed proposer, ProposalAction action, address target, uint256 value, uint64 expiresAt);
    /// @notice `steward` approved proposal `proposalId`; `approvals` current stewards of `threshold` have approved.
    event ProposalApproved(uint256 indexed proposalId, address indexed steward, uint256 approvals, uint256 threshold);
    /// @notice Proposal `proposalId` passed and its change was made.
    event ProposalExecuted(uint256 indexed proposalId);
    /// @notice Proposal `proposalId` was withdrawn by its proposer.
    event ProposalCancelled(uint256 indexed proposalId, address indexed by);

    // ----------------------------------------------------------------------------------------------- errors

    /// @notice `account` is not a steward of this community.
    error CommunityNotSteward(address account);
    /// @notice `account` is not a member of this community.
    error CommunityNotMember(address account);
    /// @notice `account` is already a member.
    error CommunityAlreadyMember(address account);
    /// @notice `account` is already a steward.
    error CommunityAlreadySteward(address account);
    /// @notice The zero address cannot be a steward, member or minter.
    error CommunityZeroAddress();
    /// @notice A threshold M must be between 1 and the number of stewards.
    error CommunityInvalidThreshold(uint256 threshold, uint256 stewardCount);
    /// @notice Admission approvals must be between 1 and the number of stewards.
    error CommunityInvalidAdmissionApprovals(uint256 approvals, uint256 stewardCount);
    /// @notice K may be at most `max`.
    error CommunityInvalidVouchesRequired(uint256 vouches, uint256 max);
    /// @notice A community has at most `max` stewards.
    error CommunityTooManyStewards(uint256 count, uint256 max);
    /// @notice A community is founded with at most `max` members besides its stewards.
    error CommunityTooManyFoundingMembers(uint256 count, uint256 max);
    /// @notice `steward` already approved admitting `candidate`.
    error CommunityAdmissionAlreadyApproved(address candidate, address steward);
    /// @notice Admission by vouching is turned off (K = 0): ask the stewards.
    error CommunityVouchingDisabled();
    /// @notice `voucher` already vouched for `candidate`.
    error CommunityAlreadyVouched(address candidate, address voucher);
    /// @notice No proposal has id `proposalId`.
    error CommunityUnknownProposal(uint256 proposalId);
    /// @notice Proposal `proposalId` is no longer pending.
    error CommunityProposalNotPending(uint256 proposalId, ProposalStatus status);
    /// @notice Proposal `proposalId` expired at `expiredAt`.
    error CommunityProposalExpired(uint256 proposalId, uint64 expiredAt);
    /// @notice `steward` already approved proposal `proposalId`.
    error CommunityProposalAlreadyApproved(uint256 proposalId, address steward);
    /// @notice Proposal `proposalId` has `approvals` current approvals; it needs `threshold`.
    error CommunityThresholdNotReached(uint256 proposalId, uint256 approvals, uint256 threshold);
    /// @notice Only the proposer may cancel proposal `proposalId`.
    error CommunityNotProposer(uint256 proposalId, address account);
    /// @notice `member` is a steward: remove the steward role first.
    error CommunityMemberIsSteward(address member);
    /// @notice The action needs a target address.
    error CommunityProposalTargetRequired(ProposalAction action);
    /// @notice `minter` already has the minting right asked for (`allowed`).
    error CommunityMinterUnchanged(address minter, bool allowed);

    // ----------------------------------------------------------------------------------------------- set-up

    /// @notice Set up a fresh clone. Called once, by the factory, in the transaction that creates it.
    /// @param setup Name, founding stewards (who are also members), M, admission approvals, K, members.
    /// @param token_ The community's ContributionToken.
    function initialize(CommunitySetup calldata setup, address token_) external;

    // ----------------------------------------------------------------------------------------------- members

    /// @notice As a steward, approve admitting `candidate`; they join once `admissionApprovals()` current
    /// stewards have approved.
    /// @param candidate The address to admit.
    /// @return admitted Whether this approval admitted the candidate.
    function approveAdmission(address candidate) external returns (bool admitted);

    /// @notice As a member, vouch for `candidate`; they join once `vouchesRequired()` members have vouched.
    /// @dev A vouch counts from the moment it is given, even if the voucher later leaves; a removed member who is
    /// admitted again needs fresh vouches (their old ones are kept under the previous admission round).
    /// @param candidate The address to vouch for.
    /// @return admitted Whether this vouch admitted the candidate.
    function vouch(address candidate) external returns (bool admitted);

    // ----------------------------------------------------------------------------------------------- governance

    /// @notice As a steward, propose a governance change. The proposer's approval is counted at once, so with
    /// M = 1 the change happens in this transaction.
    /// @param action What to change.
    /// @param target The address the action applies to (stewards, members, minters), else zero.
    /// @param value The number the action sets (thresholds, K), else zero.
    /// @return proposalId The new proposal's id (ids start at 1 and increase).
    function propose(ProposalAction action, address target, uint256 value) external returns (uint256 proposalId);

    /// @notice As a steward, approve proposal `proposalId`; the approval that reaches M executes it.
    /// @param proposalId The proposal to approve.
    /// @return executed Whether this approval executed the proposal.
    function approve(uint256 proposalId) external returns (bool executed);

    /// @notice Execute proposal `proposalId` if M current stewards have approved it (for instance after the
    /// threshold was lowered). Anyone may call.
    /// @param proposalId The proposal to execute.
    function execute(uint256 proposalId) external;

    /// @notice As its proposer (and still a steward), withdraw a pending proposal.
    /// @param proposalId The proposal to cancel.
    function cancel(uint256 proposalId) external;

    // ----------------------------------------------------------------------------------------------- views

    /// @notice The community's name.
    function name() external view returns (string memory);
    /// @notice The community's ContributionToken.
    function token() external view returns (address);
    /// @notice Whether `account` is a steward.
    function isSteward(address account) external view returns (bool);
    /// @notice Whether `account` is a member (stewards are members).
    function isMember(address account) external view returns (bool);
    /// @notice The number of stewards N.
    function stewardCount() external view returns (uint256);
    /// @notice The number of members, stewards included.
    function memberCount() external view returns (uint256);
    /// @notice All stewards (at most `MAX_STEWARDS`).
    function stewards() external view returns (address[] memory);
    /// @notice The approval threshold M.
    function threshold() external view returns (uint256);
    /// @notice Steward approvals needed to admit a member.
    function admissionApprovals() external view returns (uint256);
    /// @notice Member vouches needed to admit a member (0 = vouching disabled).
    function vouchesRequired() external view returns (uint256);
    /// @notice Current steward approvals for admitting `candidate`.
    function admissionApprovalCount(address candidate) external view returns (uint256);
    /// @notice Vouches counted for `candidate` towards their next admission.
    function vouchCount(address candidate) external view returns (uint256);
    /// @notice Whether `voucher` has vouched for `candidate` towards their next admission.
    function hasVouched(address candidate, address voucher) external view returns (bool);
    /// @notice The number of proposals made so far (the latest id).
    function proposalCount() external view returns (uint256);
    /// @notice Proposal `proposalId`.
    function getProposal(uint256 proposalId) external view returns (Proposal memory);
    /// @notice Approvals of proposal `proposalId` from current stewards.
    function approvalCount(uint256 proposalId) external view returns (uint256);
    /// @notice Whether `steward` (as a current steward) has approved proposal `proposalId`.
    function hasApproved(uint256 proposalId, address steward) external view returns (bool);
    /// @notice The current term of `account` as a steward: a number that changes each time they become a steward,
    /// 0 when they are not one. Pools record it with each approval so that a removed steward's approvals stop counting.
    function stewardTerm(address account) external view returns (uint256);
}
