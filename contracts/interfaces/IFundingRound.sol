// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IFundingRound
/// @notice One funding round of a community: projects apply, stewards approve them, donors contribute to projects,
/// members vote (in quadratic-voting mode), and a matching pool is split on-chain so that broad support counts more
/// than deep pockets. Each project's recipient then claims its contributions plus its match.
/// @dev Asset `address(0)` is native ETH; otherwise one ERC-20 that transfers exact amounts (fee-on-transfer and
/// rebasing tokens are not supported: `finalize` refuses to run when the round holds less than it owes).
/// Matching (QF): match_p is proportional to (Σ_i ⌊√c_ip⌋)² − Σ_i c_ip, where c_ip is member i's cumulative
/// contribution to project p (made while a member). Matching (QV): proportional to Σ_i ⌊√k_ip⌋ where k_ip is the voice
/// credits member i spent on p. The contract keeps both sums per project, updated in O(1) per contribution or vote;
/// `finalize` splits the pool from those sums, caps each project's match by water-filling (a capped project's excess
/// goes to the uncapped ones), rounds every match down, and keeps the remainder for the community's emergency pool.
interface IFundingRound {
    /// @notice How the matching pool is split.
    enum RoundMode {
        QuadraticFunding, // contributions of members attract matching
        QuadraticVoting // members spend voice credits; contributions go to projects unmatched
    }

    /// @notice Where each member's voice credits come from (quadratic voting only).
    enum CreditMode {
        Equal, // every member gets `creditsPerMember`
        TokenVotes // a member's contribution-token votes at the round's snapshot block
    }

    /// @notice Where an application stands.
    enum ProjectStatus {
        None,
        Pending,
        Approved,
        Rejected,
        Cancelled // was approved; the round was cancelled
    }

    /// @notice Where the round stands.
    enum RoundStatus {
        Active,
        Finalized,
        Cancelled
    }

    /// @notice A round's configuration, fixed at creation. Times are unix seconds; amounts in the asset's smallest unit.
    struct RoundSetup {
        string name; // 1 to 64 bytes
        address asset; // address(0) = ETH
        address emergencyPool; // receives the remainder and unclaimed funds; a pool of the same community
        uint64 applicationsStart; // applications are open in [applicationsStart, applicationsEnd)
        uint64 applicationsEnd; // stewards review applications until votingStart
        uint64 votingStart; // contributions and votes are open in [votingStart, votingEnd)
        uint64 votingEnd; // matching funds are accepted until votingEnd
        uint64 reviewPeriod; // seconds after votingEnd before anyone may finalize
        uint64 claimPeriod; // seconds after finalisation for recipients to claim
        uint256 minimumContribution; // the smallest single contribution (at least 1)
        uint16 matchingCapBps; // the most one project may receive, in basis points of the pool (0 = no cap)
        uint16 maxProjects; // the most projects stewards may approve (1 to MAX_PROJECTS)
        bool spreadWholePool; // QF: when the formula asks for less than the pool, spread it all (true) or pay raw matches
        RoundMode mode;
        CreditMode creditMode;
        uint256 creditsPerMember; // QV with Equal credits: each member's budget
        uint256 tokenRate; // contribution-token wei accrued per 1e18 units contributed (0 = none)
    }

    /// @notice One project's running totals. In QF, `eligible` is Σ c_ip over members and `roots` is Σ ⌊√c_ip⌋; in QV,
    /// `eligible` is the voice credits spent on the project and `roots` the votes it holds.
    struct ProjectTotals {
        uint96 raised; // every contribution, member or not: what the project receives besides its match
        uint96 eligible;
        uint56 roots;
        ProjectStatus status;
    }

    /// @notice One application.
    struct Project {
        address recipient;
        bool paid;
        address applicant;
        bytes32 metadata;
    }

    /// @notice What one contributor put into one project (and, in QV, the credits and votes of one member on it).
    struct Stake {
        uint96 amount; // all money given to the project (refunded on cancel; earns contribution tokens)
        uint96 eligible; // QF: the part given while a member; QV: credits spent
        uint48 root; // ⌊√eligible⌋: the contributor's share of `roots`
        bool tokensClaimed;
        bool refunded;
    }

    /// @notice The outcome of finalisation, from which every match follows.
    struct Outcome {
        uint256 matchingPool; // the matching funds used (all that was deposited)
        uint256 budget; // the budget left for uncapped projects after the cap (B')
        uint256 openRaw; // the raw total of uncapped projects (R')
        uint256 cap; // the cap per project in smallest units (0 = none)
        uint256 matched; // Σ matches
        uint256 remainder; // matchingPool − matched: goes to the emergency pool
        uint256 totalRaised; // Σ contributions to approved projects
        uint64 finalizedAt;
        uint64 claimDeadline;
    }

    // ------------------------------------------------------------------------------------------------- events

    /// @notice The round was set up.
    event RoundInitialized(address indexed community, address indexed asset, RoundMode mode, string name);
    /// @notice A project applied.
    event ProjectApplied(uint256 indexed projectId, address indexed applicant, address recipient, bytes32 metadata);
    /// @notice A steward approved or rejected an application.
    event ProjectReviewed(uint256 indexed projectId, address indexed steward, bool approved);
    /// @notice Matching funds arrived.
    event MatchingFunded(address indexed funder, uint256 amount, uint256 matchingPool);
    /// @notice A contribution reached a project; `matched` says whether it counts for matching (only members' do).
    event Contributed(address indexed contributor, uint256 indexed projectId, uint256 amount, bool matched);
    /// @notice A member spent voice credits on a project; `votes` is the member's new vote total on it.
    event Voted(address indexed member, uint256 indexed projectId, uint256 credits, uint256 votes, uint256 creditsLeft);
    /// @notice The round was finalised; every project's match is fixed.
    event RoundFinalized(uint256 matchingPool, uint256 matched, uint256 remainder, uint256 totalRaised, uint64 claimDeadline);
    /// @notice One project's match, as computed at finalisation.
    event MatchComputed(uint256 indexed projectId, uint256 rawMatch, uint256 matchAmount, bool capped);
    /// @notice A project's contributions and match were paid.
    event ProjectPaid(uint256 indexed projectId, address indexed to, uint256 amount);
    /// @notice `distribute` could not pay a recipient; it can still claim.
    event PayoutDeferred(uint256 indexed projectId, address indexed recipient, uint256 amount);
    /// @notice A contributor claimed accrued contribution tokens.
    event TokensClaimed(address indexed contributor, uint256 amount);
    /// @notice A steward approved cancelling the round.
    event CancelApproved(address indexed steward, uint256 approvals, uint256 threshold);
    /// @notice The round was cancelled; everyone can be refunded.
    event RoundCancelled();
    /// @notice A refund was pushed, or kept for `withdraw` when the push failed. `projectId` 0 is matching funds.
    event Refunded(address indexed account, uint256 indexed projectId, uint256 amount, bool delivered);
    /// @notice Money kept for an account was withdrawn.
    event Withdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice The remainder or unclaimed funds went to the emergency pool.
    event Swept(address indexed pool, uint256 amount);

    // ------------------------------------------------------------------------------------------------- errors

    /// @notice The round was set up without a community or emergency pool.
    error RoundZeroAddress();
    /// @notice The name is empty or longer than 64 bytes.
    error RoundInvalidName();
    /// @notice The times are out of order, voting has already ended, or a period is out of range.
    error RoundInvalidSchedule();
    /// @notice The matching cap is above 10,000 basis points.
    error RoundInvalidCap(uint256 capBps);
    /// @notice The maximum number of projects is 0 or above the contract's limit.
    error RoundInvalidMaxProjects(uint256 requested, uint256 max);
    /// @notice The minimum contribution is 0 or too large.
    error RoundInvalidMinimum(uint256 minimum);
    /// @notice Quadratic voting with equal credits needs a budget per member (up to 2^96 − 1).
    error RoundInvalidCredits(uint256 creditsPerMember);
    /// @notice The caller is not a current steward of the community.
    error RoundNotSteward(address account);
    /// @notice The caller is not a member of the community.
    error RoundNotMember(address account);
    /// @notice The action is only possible in [opensAt, closesAt).
    error RoundOutsideWindow(uint256 opensAt, uint256 closesAt, uint256 now_);
    /// @notice There is no application with this id.
    error RoundUnknownProject(uint256 projectId);
    /// @notice The application was already reviewed.
    error RoundProjectNotPending(uint256 projectId, ProjectStatus status);
    /// @notice A steward may not review an application they made or that pays them.
    error RoundStewardConflict(uint256 projectId, address steward);
    /// @notice The round already has its maximum number of approved projects.
    error RoundTooManyProjects(uint256 max);
    /// @notice The project is not approved (pending or rejected), so it takes no contributions or votes.
    error RoundProjectNotApproved(uint256 projectId, ProjectStatus status);
    /// @notice A contribution is below the round's minimum.
    error RoundBelowMinimum(uint256 amount, uint256 minimum);
    /// @notice Project ids and amounts differ in length, or the batch is empty.
    error RoundBatchMismatch(uint256 projects, uint256 amounts);
    /// @notice The ETH sent does not equal the amounts (or ETH was sent to an ERC-20 round).
    error RoundValueMismatch(uint256 sent, uint256 expected);
    /// @notice A cumulative amount no longer fits the round's counters (2^96 − 1 per contributor and project).
    error RoundAmountTooLarge();
    /// @notice The action belongs to the other mode.
    error RoundWrongMode(RoundMode mode);
    /// @notice The member has no voice credits in this round.
    error RoundNoVoiceCredits(address member);
    /// @notice The member asked to spend more credits than remain.
    error RoundOverBudget(address member, uint256 requested, uint256 remaining);
    /// @notice The action needs an active round.
    error RoundNotActive(RoundStatus status);
    /// @notice The action needs a finalised round.
    error RoundNotFinalized(RoundStatus status);
    /// @notice An amount of zero.
    error RoundZeroAmount();
    /// @notice Only the project's recipient may claim it.
    error RoundNotRecipient(uint256 projectId, address account);
    /// @notice The project was already paid.
    error RoundAlreadyPaid(uint256 projectId);
    /// @notice The claim period ended at `deadline`.
    error RoundClaimClosed(uint256 deadline);
    /// @notice A transfer to `to` failed.
    error RoundTransferFailed(address to);
    /// @notice The steward already approved cancelling in their current term.
    error RoundCancelAlreadyApproved(address steward);
    /// @notice Refunds need a cancelled round.
    error RoundNotCancelled();
    /// @notice There is nothing to refund, claim, withdraw or sweep.
    error RoundNothingToPay();
    /// @notice The round holds less of its asset than it owes (a token that does not transfer exact amounts).
    error RoundAssetShortfall(uint256 owed, uint256 held);
    /// @notice The clone's immutable arguments do not match its set-up.
    error RoundInvalidCloneArgs();
    /// @notice Only the RoundFactory this implementation was deployed for may set up rounds.
    error RoundNotFactory(address account);
    /// @notice Too little gas is left to push a payment with its full stipend; send the transaction with more gas.
    error RoundGasTooLow(uint256 gasLeft, uint256 needed);
    /// @notice A ballot is full (cannot happen with the community's steward limit).
    error RoundBallotFull();

    // ------------------------------------------------------------------------------------------------- set-up

    /// @notice Sets up a new clone. Called once, by the RoundFactory named at the implementation's deployment (any other
    /// caller is refused, so a clone made elsewhere can never pose as a community's round).
    /// @param setup The round's configuration.
    /// @param community_ The community whose members and stewards take part.
    function initialize(RoundSetup calldata setup, address community_) external;

    // ------------------------------------------------------------------------------------------------- projects

    /// @notice Applies for funding during the application window.
    /// @param recipient Who receives the project's money.
    /// @param metadata The hash of the application text, kept off-chain.
    /// @return projectId The new application's id (from 1).
    function applyForFunding(address recipient, bytes32 metadata) external returns (uint256 projectId);

    /// @notice A steward approves or rejects a pending application, until voting opens.
    /// @param projectId The application.
    /// @param approve True to approve, false to reject.
    function reviewProject(uint256 projectId, bool approve) external;

    // ------------------------------------------------------------------------------------------------- money in

    /// @notice Adds to the matching pool, until voting ends. ETH rounds: send `amount` as value.
    /// @param amount The amount (ERC-20 rounds: approve it first).
    function fundMatching(uint256 amount) external payable;

    /// @notice Contributes to one approved project during voting. ETH rounds: send `amount` as value.
    /// @param projectId The project.
    /// @param amount The amount, at least the minimum.
    function contributeTo(uint256 projectId, uint256 amount) external payable;

    /// @notice Contributes to several approved projects in one transaction. ETH rounds: send the sum as value.
    /// @param projectIds The projects.
    /// @param amounts The amount for each, each at least the minimum.
    function contribute(uint256[] calldata projectIds, uint256[] calldata amounts) external payable;

    /// @notice Spends voice credits on projects (quadratic voting; members only, checked at a member's first vote in
    /// the round, when their budget is fixed). Credits add up per project; the member's votes on a project are
    /// ⌊√(credits spent on it)⌋.
    /// @param projectIds The projects.
    /// @param credits The credits to add on each.
    function vote(uint256[] calldata projectIds, uint256[] calldata credits) external;

    // ------------------------------------------------------------------------------------------------- outcome

    /// @notice Fixes every project's match, after the review period. Anyone may call it.
    function finalize() external;

    /// @notice Pays a project's contributions and match to `to`. Only its recipient, before the claim deadline.
    /// @param projectId The project.
    /// @param to Where the money goes (usually the recipient itself).
    function claim(uint256 projectId, address to) external;

    /// @notice Pushes payouts to the approved projects at positions [from, to) of `approvedProjects`. A recipient
    /// whose transfer fails is skipped (and can still claim). Anyone may call it.
    function distribute(uint256 from, uint256 to) external;

    /// @notice Mints the caller's accrued contribution tokens for its contributions to `projectIds`, once the round is finalised.
    /// Money given to a project the caller applied for or receives earns no tokens (it comes back to them)
    /// (a cancelled round refunds instead). Projects already claimed or without a contribution are skipped.
    /// @return amount The tokens minted.
    function claimTokens(uint256[] calldata projectIds) external returns (uint256 amount);

    /// @notice Sends the remainder (after finalisation) and, after the claim deadline, unclaimed payouts to the
    /// community's emergency pool. Anyone may call it.
    /// @return amount What was sent.
    function sweep() external returns (uint256 amount);

    // ------------------------------------------------------------------------------------------------- cancel

    /// @notice A steward approves cancelling the round; the approval that reaches the community's threshold
    /// cancels it. Only before finalisation.
    /// @return cancelled Whether this approval cancelled the round.
    function approveCancel() external returns (bool cancelled);

    /// @notice After a cancel, refunds contributors' money: `contributors[k]` for `projectIds[k]`. Anyone may call it;
    /// a refund whose transfer fails is kept for `withdraw`.
    function refundContributions(address[] calldata contributors, uint256[] calldata projectIds) external;

    /// @notice After a cancel, refunds matching funders. Anyone may call it.
    function refundMatching(address[] calldata funders) external;

    /// @notice Withdraws money kept for the caller (a refund whose push failed) to `to`.
    function withdraw(address to) external returns (uint256 amount);

    // ------------------------------------------------------------------------------------------------- views

    /// @notice The community.
    function community() external view returns (address);
    /// @notice The RoundFactory allowed to set up rounds of this implementation.
    function factory() external view returns (address);
    /// @notice The configuration.
    function setup() external view returns (RoundSetup memory);
    /// @notice Active, finalised or cancelled.
    function status() external view returns (RoundStatus);
    /// @notice The block whose token votes set voice credits (QV with TokenVotes).
    function snapshotBlock() external view returns (uint256);
    /// @notice The matching funds actually deposited (no advertised-but-unfunded pools).
    function matchingPool() external view returns (uint256);
    /// @notice What `funder` put into the matching pool.
    function matchingFundedBy(address funder) external view returns (uint256);
    /// @notice The number of applications.
    function projectCount() external view returns (uint256);
    /// @notice Approved projects, in approval order.
    function approvedProjects() external view returns (uint256[] memory);
    /// @notice One application.
    function getProject(uint256 projectId) external view returns (Project memory);
    /// @notice One project's running totals.
    function projectTotals(uint256 projectId) external view returns (ProjectTotals memory);
    /// @notice One contributor's stake in one project.
    function stakeOf(address contributor, uint256 projectId) external view returns (Stake memory);
    /// @notice A member's voice credits: budget (0 until the first vote) and spent.
    function creditsOf(address member) external view returns (uint256 budget, uint256 spent);
    /// @notice The outcome (zero before finalisation).
    function outcome() external view returns (Outcome memory);
    /// @notice A project's match (0 before finalisation).
    function matchOf(uint256 projectId) external view returns (uint256);
    /// @notice What a project's recipient can claim: contributions + match (0 before finalisation or once paid).
    function payoutOf(uint256 projectId) external view returns (uint256);
    /// @notice Money kept for `account` after a failed refund push.
    function owedTo(address account) external view returns (uint256);
    /// @notice Current-term stewards who approved cancelling.
    function cancelApprovals() external view returns (uint256);
}
