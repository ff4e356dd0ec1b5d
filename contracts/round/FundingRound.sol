// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ICommunity} from "../interfaces/ICommunity.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IEmergencyPool} from "../interfaces/IEmergencyPool.sol";
import {IFundingRound} from "../interfaces/IFundingRound.sol";
import {StewardBallots} from "../pool/StewardBallots.sol";

/// @title FundingRound
/// @notice A community's quadratic funding (or quadratic voting) round. Deployed once as an implementation; each
/// round is an EIP-1167 clone set up by RoundFactory.
/// @dev Gas: a contribution touches the round's two configuration slots, the project's totals slot and the
/// contributor's stake slot, plus one membership call; square roots are exact floors (OpenZeppelin `Math.sqrt`, a
/// fixed number of Newton steps), so no caller-supplied hint can be wrong or go stale. Contribution tokens accrue in
/// the stake and are minted when the contributor claims them, so contributions never write vote checkpoints.
/// Finalisation reads each approved project's totals once and stores only the budget and raw total left to the
/// uncapped projects (B', R') and the cap: a project's match is then min(cap, ⌊raw × B' / R'⌋), which equals the
/// water-filling result because B'/R' only grows as projects are capped. Value leaves only in `nonReentrant`
/// functions, after all bookkeeping; pushes in `distribute` and refunds use a gas stipend and fall back to
/// claim/withdraw, so a hostile recipient blocks nobody.
contract FundingRound is IFundingRound, Initializable, ReentrancyGuardTransient, StewardBallots {
    using SafeERC20 for IERC20;

    /// @notice The most projects a round may approve (bounds every loop over projects).
    uint256 public constant MAX_PROJECTS = 250;
    /// @notice Gas forwarded with a pushed ETH payment; a recipient needing more claims instead.
    uint256 public constant PUSH_GAS = 50_000;
    /// @notice Gas a push keeps back for the bookkeeping after it (the rest of a `distribute` or refund step).
    uint256 public constant PUSH_RESERVE = 15_000;

    /// @notice Length of a round clone's immutable arguments: community (20 bytes), asset (20), minimum contribution
    /// (uint96), votingStart (uint40), votingEnd (uint40), mode (uint8), packed in that order.
    uint256 public constant ARGS_LENGTH = 63;

    address private constant ETH = address(0);
    uint256 private constant CLONE_CODE = 0x2d; // where an EIP-1167 clone's immutable arguments start
    uint256 private constant UNKNOWN = 0; // membership not asked yet in this transaction
    uint256 private constant MEMBER = 1;
    uint256 private constant NOT_MEMBER = 2;
    uint256 private constant MASK96 = (1 << 96) - 1;
    uint256 private constant MASK56 = (1 << 56) - 1;
    uint256 private constant MASK48 = (1 << 48) - 1;
    uint256 private constant MAX_PERIOD = 366 days;

    // Hot configuration lives in the clone's code (immutable arguments, see `ARGS_LENGTH`): reading it costs a warm
    // EXTCODECOPY instead of cold storage reads. Only the status is in storage.
    RoundStatus private _status;

    // Cold configuration.
    IContributionToken private _token;
    address private _emergencyPool;
    uint40 private _applicationsStart;
    uint40 private _applicationsEnd;
    uint64 private _reviewPeriod;
    uint64 private _claimPeriod;
    uint16 private _capBps;
    uint16 private _maxProjects;
    bool private _spreadWholePool;
    CreditMode private _creditMode;
    uint256 private _creditsPerMember;
    uint256 private _tokenRate;
    uint256 private _snapshotBlock;
    string private _name;

    // Money.
    uint256 private _matchingPool;
    mapping(address funder => uint256) private _funded;
    mapping(address account => uint256) private _owed;
    uint256 private _owedTotal;
    uint256 private _outstanding; // contributions + matches not yet paid to projects (set at finalisation)
    bool private _remainderSwept;

    // Projects.
    uint256 private _projectCount;
    mapping(uint256 projectId => Project) private _projects;
    mapping(uint256 projectId => ProjectTotals) private _totals;
    uint256[] private _approved;
    mapping(address contributor => mapping(uint256 projectId => Stake)) private _stakes;
    mapping(address member => uint256) private _credits; // budget << 128 | spent; budget 0 = not yet set

    /// @dev What a claim needs, in two slots: B', cap; R', finalisation time and claim deadline.
    struct Split {
        uint128 budget;
        uint128 cap;
        uint128 openRaw;
        uint64 finalizedAt;
        uint64 claimDeadline;
    }

    Split private _split;
    uint256 private _finalPool;
    uint256 private _matched;
    uint256 private _totalRaised;
    Ballot private _cancelBallot;

    // ------------------------------------------------------------------------------------------------- set-up

    /// @dev The RoundFactory allowed to initialise clones; immutable, so every clone (which runs this code) shares it.
    address private immutable _factory;

    /// @dev The implementation itself is never used directly.
    /// @param factory_ The RoundFactory that will clone this implementation (its address is known before it exists:
    /// the deployer computes it from its own address and nonce).
    constructor(address factory_) {
        _factory = factory_;
        _disableInitializers();
    }

    /// @inheritdoc IFundingRound
    function initialize(RoundSetup calldata setup_, address community_) external initializer {
        if (msg.sender != _factory) revert RoundNotFactory(msg.sender);
        if (community_ == address(0) || setup_.emergencyPool == address(0)) revert RoundZeroAddress();
        uint256 nameLength = bytes(setup_.name).length;
        if (nameLength == 0 || nameLength > 64) revert RoundInvalidName();
        if (
            setup_.applicationsStart >= setup_.applicationsEnd || setup_.applicationsEnd > setup_.votingStart
                || setup_.votingStart >= setup_.votingEnd || setup_.votingEnd <= block.timestamp
                || setup_.votingEnd > type(uint40).max || setup_.reviewPeriod > MAX_PERIOD || setup_.claimPeriod == 0
                || setup_.claimPeriod > MAX_PERIOD
        ) revert RoundInvalidSchedule();
        if (setup_.matchingCapBps > 10_000) revert RoundInvalidCap(setup_.matchingCapBps);
        if (setup_.maxProjects == 0 || setup_.maxProjects > MAX_PROJECTS) revert RoundInvalidMaxProjects(setup_.maxProjects, MAX_PROJECTS);
        if (setup_.minimumContribution == 0 || setup_.minimumContribution > type(uint96).max) revert RoundInvalidMinimum(setup_.minimumContribution);
        if (
            setup_.mode == RoundMode.QuadraticVoting && setup_.creditMode == CreditMode.Equal
                && (setup_.creditsPerMember == 0 || setup_.creditsPerMember > type(uint96).max)
        ) revert RoundInvalidCredits(setup_.creditsPerMember);

        bytes memory expected = abi.encodePacked(
            community_, setup_.asset, uint96(setup_.minimumContribution), uint40(setup_.votingStart), uint40(setup_.votingEnd), uint8(setup_.mode)
        );
        if (address(this).code.length != CLONE_CODE + ARGS_LENGTH || keccak256(Clones.fetchCloneArgs(address(this))) != keccak256(expected)) {
            revert RoundInvalidCloneArgs();
        }
        _token = IContributionToken(ICommunity(community_).token());
        _emergencyPool = setup_.emergencyPool;
        _applicationsStart = uint40(setup_.applicationsStart);
        _applicationsEnd = uint40(setup_.applicationsEnd);
        _reviewPeriod = setup_.reviewPeriod;
        _claimPeriod = setup_.claimPeriod;
        _capBps = setup_.matchingCapBps;
        _maxProjects = setup_.maxProjects;
        _spreadWholePool = setup_.spreadWholePool;
        _creditMode = setup_.creditMode;
        _creditsPerMember = setup_.creditsPerMember;
        _tokenRate = setup_.tokenRate;
        _snapshotBlock = block.number - 1;
        _name = setup_.name;
        emit RoundInitialized(community_, setup_.asset, setup_.mode, setup_.name);
    }

    // ------------------------------------------------------------------------------------------------- projects

    /// @inheritdoc IFundingRound
    function applyForFunding(address recipient, bytes32 metadata) external returns (uint256 projectId) {
        _requireActive();
        _requireWindow(_applicationsStart, _applicationsEnd);
        if (recipient == address(0)) revert RoundZeroAddress();
        projectId = ++_projectCount;
        _projects[projectId] = Project({recipient: recipient, paid: false, applicant: msg.sender, metadata: metadata});
        _totals[projectId].status = ProjectStatus.Pending;
        emit ProjectApplied(projectId, msg.sender, recipient, metadata);
    }

    /// @inheritdoc IFundingRound
    function reviewProject(uint256 projectId, bool approve) external {
        _requireActive();
        if (!_community().isSteward(msg.sender)) revert RoundNotSteward(msg.sender);
        _requireWindow(_applicationsStart, _votingStart());
        ProjectTotals storage totals = _totals[projectId];
        ProjectStatus current = totals.status;
        if (current == ProjectStatus.None) revert RoundUnknownProject(projectId);
        if (current != ProjectStatus.Pending) revert RoundProjectNotPending(projectId, current);
        Project storage project = _projects[projectId];
        if (project.applicant == msg.sender || project.recipient == msg.sender) revert RoundStewardConflict(projectId, msg.sender);
        if (approve) {
            if (_approved.length >= _maxProjects) revert RoundTooManyProjects(_maxProjects);
            _approved.push(projectId);
            totals.status = ProjectStatus.Approved;
        } else {
            totals.status = ProjectStatus.Rejected;
        }
        emit ProjectReviewed(projectId, msg.sender, approve);
    }

    // ------------------------------------------------------------------------------------------------- money in

    /// @inheritdoc IFundingRound
    function fundMatching(uint256 amount) external payable nonReentrant {
        _requireActive();
        if (block.timestamp >= _votingEnd()) revert RoundOutsideWindow(0, _votingEnd(), block.timestamp);
        if (amount == 0) revert RoundZeroAmount();
        address asset = _asset();
        _requireValue(asset, amount);
        uint256 pool = _matchingPool + amount;
        if (pool > type(uint128).max) revert RoundAmountTooLarge();
        _matchingPool = pool;
        _funded[msg.sender] += amount;
        emit MatchingFunded(msg.sender, amount, pool);
        if (asset != ETH) IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IFundingRound
    /// @dev No reentrancy guard on contributions: value only comes in, every write happens before the one external
    /// call that could run foreign code (the ERC-20 transferFrom), and a re-entered contribution would be booked whole.
    function contributeTo(uint256 projectId, uint256 amount) external payable {
        (ICommunity community_, address asset, uint256 minimum, RoundMode mode) = _openForContributions();
        _requireValue(asset, amount);
        _contribute(projectId, amount, minimum, _matcher(community_, mode), UNKNOWN);
        if (asset != ETH) IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IFundingRound
    function contribute(uint256[] calldata projectIds, uint256[] calldata amounts) external payable {
        uint256 count = projectIds.length;
        if (count == 0 || count != amounts.length) revert RoundBatchMismatch(count, amounts.length);
        (ICommunity community_, address asset, uint256 minimum, RoundMode mode) = _openForContributions();
        ICommunity matcher = _matcher(community_, mode);
        uint256 membership = UNKNOWN;
        uint256 total;
        for (uint256 i = 0; i < count; ++i) {
            uint256 amount = amounts[i];
            total += amount;
            membership = _contribute(projectIds[i], amount, minimum, matcher, membership);
        }
        _requireValue(asset, total);
        if (asset != ETH) IERC20(asset).safeTransferFrom(msg.sender, address(this), total);
    }

    /// @inheritdoc IFundingRound
    function vote(uint256[] calldata projectIds, uint256[] calldata credits) external {
        uint256 count = projectIds.length;
        if (count == 0 || count != credits.length) revert RoundBatchMismatch(count, credits.length);
        (ICommunity community_,,, uint256 votingStart, uint256 votingEnd, RoundMode mode) = _config();
        if (mode != RoundMode.QuadraticVoting) revert RoundWrongMode(mode);
        if (block.timestamp < votingStart || block.timestamp >= votingEnd) revert RoundOutsideWindow(votingStart, votingEnd, block.timestamp);
        uint256 packed = _credits[msg.sender];
        uint256 budget = packed >> 128;
        uint256 spent = uint128(packed);
        if (budget == 0) {
            // Membership is checked once, at a member's first vote in the round, when their budget is fixed.
            if (!community_.isMember(msg.sender)) revert RoundNotMember(msg.sender);
            budget = _creditMode == CreditMode.Equal
                ? _creditsPerMember
                : IVotes(address(_token)).getPastVotes(msg.sender, _snapshotBlock);
            if (budget == 0) revert RoundNoVoiceCredits(msg.sender);
            if (budget > type(uint96).max) budget = type(uint96).max;
        }
        uint256 requested;
        for (uint256 i = 0; i < count; ++i) requested += credits[i];
        if (requested > budget - spent) revert RoundOverBudget(msg.sender, requested, budget - spent);
        spent += requested;
        _credits[msg.sender] = (budget << 128) | spent;

        uint256 left = budget - spent + requested;
        for (uint256 i = 0; i < count; ++i) {
            left -= credits[i];
            _vote(projectIds[i], credits[i], left);
        }
    }

    // ------------------------------------------------------------------------------------------------- outcome

    /// @inheritdoc IFundingRound
    function finalize() external nonReentrant {
        _requireActive();
        uint256 reviewEnd = uint256(_votingEnd()) + _reviewPeriod;
        if (block.timestamp < reviewEnd) revert RoundOutsideWindow(reviewEnd, type(uint64).max, block.timestamp);

        uint256 count = _approved.length;
        uint256[] memory raw = new uint256[](count);
        uint256 totalRaw;
        uint256 totalRaised;
        bool quadraticVoting = _mode() == RoundMode.QuadraticVoting;
        for (uint256 i = 0; i < count; ++i) {
            ProjectTotals memory totals = _totals[_approved[i]];
            raw[i] = _raw(totals, quadraticVoting);
            totalRaw += raw[i];
            totalRaised += totals.raised;
        }

        uint256 pool = _matchingPool;
        uint256 budget = totalRaw >= pool || _spreadWholePool || quadraticVoting ? pool : totalRaw;
        uint256 cap = _capBps == 0 ? 0 : (pool * _capBps) / 10_000;
        uint256 openRaw = totalRaw;
        if (totalRaw == 0 || pool == 0) budget = 0;
        bool[] memory capped = new bool[](count);
        if (_capBps != 0 && cap == 0 && budget != 0) {
            // A cap that rounds down to nothing (a tiny pool) holds every project to zero: nothing is matched and the
            // whole pool is the remainder. Storing B' = 0 makes every later match read 0 as well.
            budget = 0;
            for (uint256 i = 0; i < count; ++i) capped[i] = raw[i] != 0;
        } else if (cap != 0 && budget != 0) {
            bool newlyCapped = true;
            while (newlyCapped && openRaw != 0) {
                newlyCapped = false;
                (uint256 passBudget, uint256 passRaw) = (budget, openRaw);
                for (uint256 i = 0; i < count; ++i) {
                    if (capped[i] || raw[i] == 0 || raw[i] * passBudget < cap * passRaw) continue;
                    capped[i] = true;
                    budget -= cap;
                    openRaw -= raw[i];
                    newlyCapped = true;
                }
            }
        }

        uint256 matched;
        for (uint256 i = 0; i < count; ++i) {
            uint256 matchAmount = capped[i] ? cap : (raw[i] == 0 ? 0 : Math.mulDiv(raw[i], budget, openRaw));
            matched += matchAmount;
            emit MatchComputed(_approved[i], raw[i], matchAmount, capped[i]);
        }

        uint256 held = _asset() == ETH ? address(this).balance : IERC20(_asset()).balanceOf(address(this));
        uint256 owed = pool + totalRaised;
        if (held < owed) revert RoundAssetShortfall(owed, held);

        uint64 deadline = uint64(block.timestamp + _claimPeriod);
        _status = RoundStatus.Finalized;
        // pool < 2^128 (fundMatching), budget and cap ≤ pool, openRaw ≤ 250 × 2^112: all fit in 128 bits.
        _split = Split(uint128(budget), uint128(cap), uint128(openRaw), uint64(block.timestamp), deadline);
        _finalPool = pool;
        _matched = matched;
        _totalRaised = totalRaised;
        _outstanding = totalRaised + matched;
        emit RoundFinalized(pool, matched, pool - matched, totalRaised, deadline);
    }

    /// @inheritdoc IFundingRound
    function claim(uint256 projectId, address to) external nonReentrant {
        Split memory split = _requireClaimable();
        if (to == address(0)) revert RoundZeroAddress();
        Project storage project = _projects[projectId];
        if (project.recipient != msg.sender || _totals[projectId].status != ProjectStatus.Approved) {
            revert RoundNotRecipient(projectId, msg.sender);
        }
        if (project.paid) revert RoundAlreadyPaid(projectId);
        uint256 amount = _payout(projectId, split);
        project.paid = true;
        _outstanding -= amount;
        emit ProjectPaid(projectId, to, amount);
        if (amount != 0) _send(to, amount);
    }

    /// @inheritdoc IFundingRound
    function distribute(uint256 from, uint256 to) external nonReentrant {
        Split memory split = _requireClaimable();
        if (to > _approved.length) to = _approved.length;
        for (uint256 i = from; i < to; ++i) {
            uint256 projectId = _approved[i];
            Project storage project = _projects[projectId];
            if (project.paid) continue;
            uint256 amount = _payout(projectId, split);
            address recipient = project.recipient;
            project.paid = true;
            _outstanding -= amount;
            if (amount == 0 || _push(recipient, amount)) {
                emit ProjectPaid(projectId, recipient, amount);
            } else {
                project.paid = false;
                _outstanding += amount;
                emit PayoutDeferred(projectId, recipient, amount);
            }
        }
    }

    /// @inheritdoc IFundingRound
    function claimTokens(uint256[] calldata projectIds) external nonReentrant returns (uint256 amount) {
        _requireFinalized();
        uint256 contributed;
        for (uint256 i = 0; i < projectIds.length; ++i) {
            Stake storage stake = _stakes[msg.sender][projectIds[i]];
            if (stake.tokensClaimed || stake.amount == 0) continue;
            stake.tokensClaimed = true;
            // Money given to one's own project comes back with the payout: it earns no recognition.
            Project storage project = _projects[projectIds[i]];
            if (project.applicant == msg.sender || project.recipient == msg.sender) continue;
            contributed += stake.amount;
        }
        amount = Math.mulDiv(contributed, _tokenRate, 1e18);
        if (amount == 0) revert RoundNothingToPay();
        emit TokensClaimed(msg.sender, amount);
        _token.mint(msg.sender, amount, bytes32(uint256(uint160(address(this)))));
    }

    /// @inheritdoc IFundingRound
    function sweep() external nonReentrant returns (uint256 amount) {
        _requireFinalized();
        if (!_remainderSwept) {
            amount = _finalPool - _matched;
            _remainderSwept = true;
        }
        if (block.timestamp >= _split.claimDeadline) {
            amount += _outstanding;
            _outstanding = 0;
        }
        if (amount == 0) revert RoundNothingToPay();
        address pool = _emergencyPool;
        emit Swept(pool, amount);
        if (_asset() == ETH) {
            IEmergencyPool(pool).deposit{value: amount}();
        } else {
            IERC20(_asset()).forceApprove(pool, amount);
            IEmergencyPool(pool).depositToken(_asset(), amount);
        }
    }

    // ------------------------------------------------------------------------------------------------- cancel

    /// @inheritdoc IFundingRound
    function approveCancel() external returns (bool cancelled) {
        _requireActive();
        uint256 term = _requireStewardTerm();
        if (_decide(_cancelBallot, msg.sender, term, true, 0) != Previous.None) revert RoundCancelAlreadyApproved(msg.sender);
        uint256 approvals = _count(_cancelBallot, true);
        uint256 needed = _community().threshold();
        emit CancelApproved(msg.sender, approvals, needed);
        if (approvals >= needed) {
            _status = RoundStatus.Cancelled;
            // Contributions and votes check only the project's status (see `_openWords`): mark every approved project.
            uint256 count = _approved.length;
            for (uint256 i = 0; i < count; ++i) _totals[_approved[i]].status = ProjectStatus.Cancelled;
            emit RoundCancelled();
            return true;
        }
    }

    /// @inheritdoc IFundingRound
    function refundContributions(address[] calldata contributors, uint256[] calldata projectIds) external nonReentrant {
        if (_status != RoundStatus.Cancelled) revert RoundNotCancelled();
        if (contributors.length == 0 || contributors.length != projectIds.length) revert RoundBatchMismatch(projectIds.length, contributors.length);
        for (uint256 i = 0; i < contributors.length; ++i) {
            address contributor = contributors[i];
            uint256 projectId = projectIds[i];
            Stake storage stake = _stakes[contributor][projectId];
            uint256 amount = stake.amount;
            if (amount == 0 || stake.refunded) continue;
            stake.refunded = true;
            _refund(contributor, projectId, amount);
        }
    }

    /// @inheritdoc IFundingRound
    function refundMatching(address[] calldata funders) external nonReentrant {
        if (_status != RoundStatus.Cancelled) revert RoundNotCancelled();
        if (funders.length == 0) revert RoundBatchMismatch(0, 0);
        for (uint256 i = 0; i < funders.length; ++i) {
            address funder = funders[i];
            uint256 amount = _funded[funder];
            if (amount == 0) continue;
            _funded[funder] = 0;
            _refund(funder, 0, amount);
        }
    }

    /// @inheritdoc IFundingRound
    function withdraw(address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert RoundZeroAddress();
        amount = _owed[msg.sender];
        if (amount == 0) revert RoundNothingToPay();
        _owed[msg.sender] = 0;
        _owedTotal -= amount;
        emit Withdrawn(msg.sender, to, amount);
        _send(to, amount);
    }

    /// @dev Rejects ETH sent without a call: money enters through `fundMatching` or a contribution.
    receive() external payable {
        revert RoundValueMismatch(msg.value, 0);
    }

    // ------------------------------------------------------------------------------------------------- views

    /// @inheritdoc IFundingRound
    function factory() external view returns (address) {
        return _factory;
    }

    /// @inheritdoc IFundingRound
    function community() external view returns (address) {
        return address(_community());
    }

    /// @inheritdoc IFundingRound
    function setup() external view returns (RoundSetup memory) {
        return RoundSetup({
            name: _name,
            asset: _asset(),
            emergencyPool: _emergencyPool,
            applicationsStart: _applicationsStart,
            applicationsEnd: _applicationsEnd,
            votingStart: uint64(_votingStart()),
            votingEnd: uint64(_votingEnd()),
            reviewPeriod: _reviewPeriod,
            claimPeriod: _claimPeriod,
            minimumContribution: _minimum(),
            matchingCapBps: _capBps,
            maxProjects: _maxProjects,
            spreadWholePool: _spreadWholePool,
            mode: _mode(),
            creditMode: _creditMode,
            creditsPerMember: _creditsPerMember,
            tokenRate: _tokenRate
        });
    }

    /// @inheritdoc IFundingRound
    function status() external view returns (RoundStatus) {
        return _status;
    }

    /// @inheritdoc IFundingRound
    function snapshotBlock() external view returns (uint256) {
        return _snapshotBlock;
    }

    /// @inheritdoc IFundingRound
    function matchingPool() external view returns (uint256) {
        return _matchingPool;
    }

    /// @inheritdoc IFundingRound
    function matchingFundedBy(address funder) external view returns (uint256) {
        return _funded[funder];
    }

    /// @inheritdoc IFundingRound
    function projectCount() external view returns (uint256) {
        return _projectCount;
    }

    /// @inheritdoc IFundingRound
    function approvedProjects() external view returns (uint256[] memory) {
        return _approved;
    }

    /// @inheritdoc IFundingRound
    function getProject(uint256 projectId) external view returns (Project memory) {
        if (_totals[projectId].status == ProjectStatus.None) revert RoundUnknownProject(projectId);
        return _projects[projectId];
    }

    /// @inheritdoc IFundingRound
    function projectTotals(uint256 projectId) external view returns (ProjectTotals memory) {
        return _totals[projectId];
    }

    /// @inheritdoc IFundingRound
    function stakeOf(address contributor, uint256 projectId) external view returns (Stake memory) {
        return _stakes[contributor][projectId];
    }

    /// @inheritdoc IFundingRound
    function creditsOf(address member) external view returns (uint256 budget, uint256 spent) {
        uint256 packed = _credits[member];
        return (packed >> 128, uint128(packed));
    }

    /// @inheritdoc IFundingRound
    function outcome() external view returns (Outcome memory) {
        Split memory split = _split;
        return Outcome({
            matchingPool: _finalPool,
            budget: split.budget,
            openRaw: split.openRaw,
            cap: split.cap,
            matched: _matched,
            remainder: _finalPool - _matched,
            totalRaised: _totalRaised,
            finalizedAt: split.finalizedAt,
            claimDeadline: split.claimDeadline
        });
    }

    /// @inheritdoc IFundingRound
    function matchOf(uint256 projectId) public view returns (uint256) {
        if (_status != RoundStatus.Finalized) return 0;
        ProjectTotals memory totals = _totals[projectId];
        if (totals.status != ProjectStatus.Approved) return 0;
        return _matchFor(_raw(totals, _mode() == RoundMode.QuadraticVoting), _split);
    }

    /// @inheritdoc IFundingRound
    function payoutOf(uint256 projectId) external view returns (uint256) {
        if (_status != RoundStatus.Finalized || _projects[projectId].paid) return 0;
        return matchOf(projectId) + _totals[projectId].raised;
    }

    /// @inheritdoc IFundingRound
    function owedTo(address account) external view returns (uint256) {
        return _owed[account];
    }

    /// @inheritdoc IFundingRound
    function cancelApprovals() external view returns (uint256) {
        return _count(_cancelBallot, true);
    }

    // ------------------------------------------------------------------------------------------------- internals

    function _communityContract() internal view override returns (ICommunity) {
        return _community();
    }

    function _revertNotSteward(address account) internal pure override {
        revert RoundNotSteward(account);
    }

    function _revertBallotFull(uint256) internal pure override {
        revert RoundBallotFull();
    }

    /// @dev The clone's immutable arguments, read with one warm EXTCODECOPY into the scratch space.
    function _config()
        private
        view
        returns (ICommunity community_, address asset, uint256 minimum, uint256 votingStart, uint256 votingEnd, RoundMode mode)
    {
        uint256 w0;
        uint256 w20;
        uint256 w40;
        uint256 w52;
        uint256 w57;
        uint256 w62;
        assembly ("memory-safe") {
            extcodecopy(address(), 0, CLONE_CODE, 64)
            w0 := mload(0)
            w20 := mload(20)
            w40 := mload(40)
            w52 := mload(52)
            w57 := mload(57)
            w62 := mload(62)
        }
        community_ = ICommunity(address(uint160(w0 >> 96)));
        asset = address(uint160(w20 >> 96));
        minimum = w40 >> 160;
        votingStart = w52 >> 216;
        votingEnd = w57 >> 216;
        mode = RoundMode(uint8(w62 >> 248));
    }

    function _community() private view returns (ICommunity community_) {
        (community_,,,,,) = _config();
    }

    function _asset() private view returns (address asset) {
        (, asset,,,,) = _config();
    }

    function _minimum() private view returns (uint256 minimum) {
        (,, minimum,,,) = _config();
    }

    function _votingStart() private view returns (uint256 votingStart) {
        (,,, votingStart,,) = _config();
    }

    function _votingEnd() private view returns (uint256 votingEnd) {
        (,,,, votingEnd,) = _config();
    }

    function _mode() private view returns (RoundMode mode) {
        (,,,,, mode) = _config();
    }

    /// @dev Checks the round takes contributions now; returns the community, asset, minimum and mode.
    /// The status is not read: before votingEnd the round is active or cancelled, and a cancel marks every approved
    /// project, which each contribution reads anyway.
    function _openForContributions() private view returns (ICommunity community_, address asset, uint256 minimum, RoundMode mode) {
        uint256 votingStart;
        uint256 votingEnd;
        (community_, asset, minimum, votingStart, votingEnd, mode) = _config();
        if (block.timestamp < votingStart || block.timestamp >= votingEnd) revert RoundOutsideWindow(votingStart, votingEnd, block.timestamp);
    }

    /// @dev The community to ask about membership when money can be matched (QF), else none.
    function _matcher(ICommunity community_, RoundMode mode) private pure returns (ICommunity) {
        return mode == RoundMode.QuadraticFunding ? community_ : ICommunity(address(0));
    }

    /// @dev Books one contribution: the stake and the project's sums (members' money only in the sums). A stake that
    /// already counts for matching keeps counting (its contributor was a member when it began), so a top-up needs no
    /// membership call; otherwise membership is asked once per transaction (`membership` carries the answer).
    function _contribute(uint256 projectId, uint256 amount, uint256 minimum, ICommunity matcher, uint256 membership)
        private
        returns (uint256)
    {
        if (amount < minimum) revert RoundBelowMinimum(amount, minimum);
        // One read and one write per slot: the stake and the project's totals are handled as packed words (the field
        // layout of `Stake` and `ProjectTotals`: the first field in the lowest bits).
        (uint256 stakeSlot, uint256 stake, uint256 totalsSlot, uint256 totals) = _openWords(projectId);
        bool matched;
        if (address(matcher) != address(0)) {
            if ((stake >> 96) & MASK96 != 0) {
                matched = true;
            } else {
                if (membership == UNKNOWN) membership = matcher.isMember(msg.sender) ? MEMBER : NOT_MEMBER;
                matched = membership == MEMBER;
            }
        }
        (stake, totals) = _book(stake, totals, amount, matched);
        assembly ("memory-safe") {
            sstore(stakeSlot, stake)
            sstore(totalsSlot, totals)
        }
        emit Contributed(msg.sender, projectId, amount, matched);
        return membership;
    }

    /// @dev The stake and totals words after adding `amount` (to the matched sums as well when `matched`).
    function _book(uint256 stake, uint256 totals, uint256 amount, bool matched) private pure returns (uint256, uint256) {
        uint256 stakeAmount = (stake & MASK96) + amount;
        uint256 raised = (totals & MASK96) + amount;
        if (stakeAmount > MASK96 || raised > MASK96) revert RoundAmountTooLarge();
        if (!matched) return (((stake >> 96) << 96) | stakeAmount, ((totals >> 96) << 96) | raised);
        // The eligible sums never exceed the amounts just checked, so they fit in 96 bits too.
        uint256 stakeEligible = ((stake >> 96) & MASK96) + amount;
        uint256 root = Math.sqrt(stakeEligible);
        uint256 roots = ((totals >> 192) & MASK56) - ((stake >> 192) & MASK48) + root;
        if (roots > MASK56) revert RoundAmountTooLarge();
        return (
            ((stake >> 240) << 240) | (root << 192) | (stakeEligible << 96) | stakeAmount,
            ((totals >> 248) << 248) | (roots << 192) | ((((totals >> 96) & MASK96) + amount) << 96) | raised
        );
    }

    /// @dev Books one member's credits on one project: the stake holds credits and votes, the project Σ votes.
    function _vote(uint256 projectId, uint256 amount, uint256 creditsLeft) private {
        if (amount == 0) revert RoundZeroAmount();
        (uint256 stakeSlot, uint256 stake, uint256 totalsSlot, uint256 totals) = _openWords(projectId);
        uint256 credits = ((stake >> 96) & MASK96) + amount; // at most the budget, below 2^96
        uint256 votes = Math.sqrt(credits);
        uint256 roots = ((totals >> 192) & MASK56) - ((stake >> 192) & MASK48) + votes;
        uint256 projectCredits = ((totals >> 96) & MASK96) + amount;
        if (roots > MASK56 || projectCredits > MASK96) revert RoundAmountTooLarge();
        stake = ((stake >> 240) << 240) | (votes << 192) | (credits << 96) | (stake & MASK96);
        totals = ((totals >> 248) << 248) | (roots << 192) | (projectCredits << 96) | (totals & MASK96);
        assembly ("memory-safe") {
            sstore(stakeSlot, stake)
            sstore(totalsSlot, totals)
        }
        emit Voted(msg.sender, projectId, amount, votes, creditsLeft);
    }

    /// @dev The caller's stake in `projectId` and the project's totals as raw words (with their slots), after checking
    /// the project takes money or votes. A cancelled round marks its projects, so this one read also covers the status.
    function _openWords(uint256 projectId) private view returns (uint256 stakeSlot, uint256 stake, uint256 totalsSlot, uint256 totals) {
        Stake storage stakeRef = _stakes[msg.sender][projectId];
        ProjectTotals storage totalsRef = _totals[projectId];
        assembly ("memory-safe") {
            stakeSlot := stakeRef.slot
            stake := sload(stakeSlot)
            totalsSlot := totalsRef.slot
            totals := sload(totalsSlot)
        }
        ProjectStatus status_ = ProjectStatus(totals >> 248);
        if (status_ != ProjectStatus.Approved) {
            if (status_ == ProjectStatus.None) revert RoundUnknownProject(projectId);
            if (status_ == ProjectStatus.Cancelled) revert RoundNotActive(RoundStatus.Cancelled);
            revert RoundProjectNotApproved(projectId, status_);
        }
    }

    function _approvedTotals(uint256 projectId) private view returns (ProjectTotals memory totals) {
        totals = _totals[projectId];
        if (totals.status != ProjectStatus.Approved) {
            if (totals.status == ProjectStatus.None) revert RoundUnknownProject(projectId);
            revert RoundProjectNotApproved(projectId, totals.status);
        }
    }

    /// @dev The raw match: QF (Σ√c)² − Σc (never below 0); QV Σ votes.
    function _raw(ProjectTotals memory totals, bool quadraticVoting) private pure returns (uint256) {
        if (quadraticVoting) return totals.roots;
        uint256 square = uint256(totals.roots) * totals.roots;
        return square > totals.eligible ? square - totals.eligible : 0;
    }

    /// @dev min(cap, ⌊raw × B' / R'⌋); a project capped by water-filling is exactly one with raw × B' ≥ cap × R'.
    function _matchFor(uint256 raw, Split memory split) private pure returns (uint256) {
        if (raw == 0) return 0;
        uint256 cap = split.cap;
        uint256 budget = split.budget;
        uint256 openRaw = split.openRaw;
        if (cap != 0 && raw * budget >= cap * openRaw) return cap;
        return Math.mulDiv(raw, budget, openRaw);
    }

    function _payout(uint256 projectId, Split memory split) private view returns (uint256) {
        ProjectTotals memory totals = _totals[projectId];
        return totals.raised + _matchFor(_raw(totals, _mode() == RoundMode.QuadraticVoting), split);
    }

    function _requireActive() private view {
        RoundStatus current = _status;
        if (current != RoundStatus.Active) revert RoundNotActive(current);
    }

    function _requireFinalized() private view {
        RoundStatus current = _status;
        if (current != RoundStatus.Finalized) revert RoundNotFinalized(current);
    }

    /// @dev The split, after checking the round is finalised (a set finalisation time says so without reading the
    /// status) and the claim deadline has not passed.
    function _requireClaimable() private view returns (Split memory split) {
        split = _split;
        if (split.finalizedAt == 0) revert RoundNotFinalized(_status);
        if (block.timestamp >= split.claimDeadline) revert RoundClaimClosed(split.claimDeadline);
    }

    function _requireWindow(uint256 opensAt, uint256 closesAt) private view {
        if (block.timestamp < opensAt || block.timestamp >= closesAt) revert RoundOutsideWindow(opensAt, closesAt, block.timestamp);
    }

    /// @dev ETH rounds take exactly `amount` as value; ERC-20 rounds take none.
    function _requireValue(address asset, uint256 amount) private view {
        uint256 expected = asset == ETH ? amount : 0;
        if (msg.value != expected) revert RoundValueMismatch(msg.value, expected);
    }

    /// @dev Pushes a refund; when the push fails the money is kept for `withdraw`.
    function _refund(address account, uint256 projectId, uint256 amount) private {
        bool delivered = _push(account, amount);
        if (!delivered) {
            _owed[account] += amount;
            _owedTotal += amount;
        }
        emit Refunded(account, projectId, amount, delivered);
    }

    /// @dev Sends with all gas; reverts when the transfer fails (the caller chose `to`).
    function _send(address to, uint256 amount) private {
        if (_asset() == ETH) {
            (bool ok,) = payable(to).call{value: amount}("");
            if (!ok) revert RoundTransferFailed(to);
        } else {
            IERC20(_asset()).safeTransfer(to, amount);
        }
    }

    /// @dev Pushes with a stipend (ETH) or `trySafeTransfer`; returns whether it arrived. A push that fails is left to
    /// the recipient to claim or withdraw, so a caller must not be able to make pushes fail by sending too little gas
    /// (by the 63/64 rule a call gets at most 63/64 of what is left, and a gas estimate finds the least gas that does not
    /// revert): with less than the stipend plus a reserve left, the whole call reverts instead.
    function _push(address to, uint256 amount) private returns (bool delivered) {
        uint256 needed = PUSH_GAS + PUSH_GAS / 63 + PUSH_RESERVE;
        if (gasleft() < needed) revert RoundGasTooLow(gasleft(), needed);
        if (_asset() == ETH) {
            uint256 stipend = PUSH_GAS;
            assembly ("memory-safe") {
                delivered := call(stipend, to, amount, 0, 0, 0, 0)
            }
        } else {
            delivered = IERC20(_asset()).trySafeTransfer(to, amount);
        }
    }
}
