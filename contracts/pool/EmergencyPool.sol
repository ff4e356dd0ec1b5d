// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICommunity} from "../interfaces/ICommunity.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IEmergencyPool} from "../interfaces/IEmergencyPool.sol";
import {StewardBallots} from "./StewardBallots.sol";

/// @title EmergencyPool
/// @notice A community's emergency fund: deposits in, aid requests, M-of-N steward decisions and payouts within
/// limits. Deployed once as an implementation; each pool is an EIP-1167 clone set up by CommunityFactory.
/// @dev Payment: the approval that reaches the required number pays in the same transaction (or `execute` later).
/// Every path that moves value is `nonReentrant` and finishes its bookkeeping before the transfer. ETH is pushed
/// with a gas stipend and without copying return data; ERC-20s with `trySafeTransfer`. When a push fails the
/// payment is kept for the recipient (`withdraw`), so a reverting or re-entering recipient blocks nobody.
/// The rolling window is exact: cumulative payouts are checkpointed by timestamp, and the amount paid in the last
/// `window` seconds (the half-open span `(now - window, now]`) is the latest total minus the total at `now - window`
/// (a binary search, not a loop over payouts).
/// A new pool starts paused: M stewards accept its founding rules by approving an `Unpause` change.
contract EmergencyPool is IEmergencyPool, Initializable, ReentrancyGuardTransient, StewardBallots {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice The asset id of native ETH.
    address public constant ETH = address(0);
    /// @notice The most assets one pool accepts (bounds the `assets()` list).
    uint256 public constant MAX_ASSETS = 16;
    /// @notice Shortest and longest rolling window.
    uint64 public constant MIN_WINDOW = 1 hours;
    uint64 public constant MAX_WINDOW = 90 days;
    /// @notice Longest per-recipient cooldown.
    uint64 public constant MAX_COOLDOWN = 90 days;
    /// @notice Shortest and longest request lifetime.
    uint64 public constant MIN_REQUEST_LIFETIME = 1 hours;
    uint64 public constant MAX_REQUEST_LIFETIME = 90 days;
    /// @notice Longest emergency one declaration may set.
    uint64 public constant MAX_EMERGENCY_DURATION = 30 days;
    /// @notice How long a pool change stays open.
    uint64 public constant CHANGE_LIFETIME = 14 days;
    /// @notice Gas given to a recipient when ETH is pushed; enough for smart-contract wallets, too little to grief.
    uint256 public constant PUSH_GAS = 50_000;
    /// @notice Highest urgency.
    uint8 public constant MAX_URGENCY = 5;
    /// @dev Mirrors Community.MAX_STEWARDS: no emergency threshold can be higher.
    uint256 private constant MAX_STEWARDS_IN_COMMUNITY = 32;

    struct AssetState {
        bool allowed;
        uint256 deposited;
        uint256 paidOut;
        uint256 owed;
        AssetLimits limits;
        Checkpoints.Trace208 cumulativeDisbursed;
    }

    string private _name;
    ICommunity private _community;
    IContributionToken private _token;

    uint64 private _window;
    uint64 private _cooldown;
    uint64 private _requestLifetime;
    uint64 private _emergencyEndsAt;
    uint256 private _emergencyThreshold;
    bool private _paused;

    address[] private _assetList;
    mapping(address asset => AssetState) private _assets;
    mapping(address recipient => uint64 time) private _lastPaidAt;
    mapping(address account => mapping(address asset => uint256 amount)) private _owedTo;

    uint256 private _depositCount;
    uint256 private _requestCount;
    mapping(uint256 requestId => AidRequest) private _requests;
    mapping(uint256 requestId => Ballot) private _requestBallots;

    uint256 private _changeCount;
    mapping(uint256 changeId => Change) private _changes;
    mapping(uint256 changeId => Ballot) private _changeBallots;

    /// @dev The implementation itself is never set up; only clones are.
    constructor() {
        _disableInitializers();
    }

    /// @notice Plain ETH transfers are deposits.
    receive() external payable {
        _depositEth();
    }

    /// @inheritdoc IEmergencyPool
    function initialize(PoolSetup calldata setup, address community_) external initializer {
        if (community_ == address(0)) revert PoolZeroCommunity();
        uint256 nameLength = bytes(setup.name).length;
        if (nameLength == 0 || nameLength > 64) revert PoolInvalidName();
        if (setup.assets.length != setup.limits.length) revert PoolSetupMismatch(setup.assets.length, setup.limits.length);
        _name = setup.name;
        _community = ICommunity(community_);
        _token = IContributionToken(ICommunity(community_).token());
        _validateWindow(setup.window);
        _validateCooldown(setup.cooldown);
        _validateRequestLifetime(setup.requestLifetime);
        _validateEmergencyThreshold(setup.emergencyThreshold);
        _window = setup.window;
        _cooldown = setup.cooldown;
        _requestLifetime = setup.requestLifetime;
        _emergencyThreshold = setup.emergencyThreshold;
        // A new pool pays nothing until M stewards accept its founding rules by approving an Unpause change.
        _paused = true;
        emit PoolInitialized(community_, setup.name, setup.window, setup.cooldown, setup.requestLifetime, setup.emergencyThreshold);
        for (uint256 i = 0; i < setup.assets.length; ++i) {
            if (_assets[setup.assets[i]].allowed) revert PoolDuplicateAsset(setup.assets[i]);
            _setAssetLimits(setup.assets[i], setup.limits[i]);
        }
    }

    // ------------------------------------------------------------------------------------------- money in

    /// @inheritdoc IEmergencyPool
    function deposit() external payable returns (uint256 depositId) {
        return _depositEth();
    }

    /// @inheritdoc IEmergencyPool
    function depositToken(address asset, uint256 amount) external nonReentrant returns (uint256 depositId) {
        if (asset == ETH || !_assets[asset].allowed) revert PoolAssetNotAllowed(asset);
        if (amount == 0) revert PoolZeroAmount();
        IERC20 erc20 = IERC20(asset);
        uint256 before = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = erc20.balanceOf(address(this)) - before;
        if (received == 0) revert PoolNothingReceived(asset);
        return _credit(asset, received);
    }

    // ------------------------------------------------------------------------------------------- requests

    /// @inheritdoc IEmergencyPool
    function requestAid(address asset, uint256 amount, address recipient, uint8 urgency, bytes32 detailsHash)
        external
        returns (uint256 requestId)
    {
        if (!_community.isMember(msg.sender)) revert PoolNotMember(msg.sender);
        AssetState storage state = _assets[asset];
        if (!state.allowed) revert PoolAssetNotAllowed(asset);
        if (amount == 0) revert PoolZeroAmount();
        if (amount > state.limits.perRequestMax) revert PoolOverRequestLimit(asset, amount, state.limits.perRequestMax);
        if (recipient == address(0) || recipient == address(this)) revert PoolInvalidRecipient(recipient);
        if (urgency == 0 || urgency > MAX_URGENCY) revert PoolInvalidUrgency(urgency);
        if (detailsHash == bytes32(0)) revert PoolMissingDetails();
        requestId = ++_requestCount;
        uint64 expiresAt = uint64(block.timestamp) + _requestLifetime;
        _requests[requestId] = AidRequest({
            requester: msg.sender,
            urgency: urgency,
            status: RequestStatus.Pending,
            createdAt: uint64(block.timestamp),
            expiresAt: expiresAt,
            recipient: recipient,
            asset: asset,
            amount: amount,
            detailsHash: detailsHash
        });
        emit AidRequested(requestId, msg.sender, recipient, asset, amount, urgency, detailsHash, expiresAt);
    }

    /// @inheritdoc IEmergencyPool
    function approve(uint256 requestId) external nonReentrant returns (bool paid) {
        uint256 term = _requireStewardTerm();
        AidRequest storage request = _requireOpenRequest(requestId);
        if (request.requester == msg.sender || request.recipient == msg.sender) revert PoolSelfApproval(requestId, msg.sender);
        Previous previous = _decide(_requestBallots[requestId], msg.sender, term, true, requestId);
        if (previous == Previous.Approved) revert PoolAlreadyApproved(requestId, msg.sender);
        if (previous == Previous.Rejected) revert PoolAlreadyRejected(requestId, msg.sender);
        (uint256 approvals, uint256 required) = _tally(requestId, request);
        emit RequestApproved(requestId, msg.sender, approvals, required);
        if (approvals >= required) {
            _pay(requestId, request);
            return true;
        }
        return false;
    }

    /// @inheritdoc IEmergencyPool
    function reject(uint256 requestId) external returns (bool declined) {
        uint256 term = _requireStewardTerm();
        AidRequest storage request = _requireOpenRequest(requestId);
        Previous previous = _decide(_requestBallots[requestId], msg.sender, term, false, requestId);
        if (previous == Previous.Approved) revert PoolAlreadyApproved(requestId, msg.sender);
        if (previous == Previous.Rejected) revert PoolAlreadyRejected(requestId, msg.sender);
        uint256 rejections = _count(_requestBallots[requestId], false);
        uint256 threshold = _community.threshold();
        emit RequestRejected(requestId, msg.sender, rejections, threshold);
        if (rejections >= threshold) {
            request.status = RequestStatus.Rejected;
            emit RequestDeclined(requestId);
            return true;
        }
        return false;
    }

    /// @inheritdoc IEmergencyPool
    function execute(uint256 requestId) external nonReentrant {
        AidRequest storage request = _requireOpenRequest(requestId);
        (uint256 approvals, uint256 required) = _tally(requestId, request);
        if (approvals < required) revert PoolNotEnoughApprovals(requestId, approvals, required);
        _pay(requestId, request);
    }

    /// @inheritdoc IEmergencyPool
    function cancel(uint256 requestId) external {
        AidRequest storage request = _requireRequest(requestId);
        if (request.status != RequestStatus.Pending) revert PoolRequestNotPending(requestId, request.status);
        if (request.requester != msg.sender) revert PoolNotRequester(requestId, msg.sender);
        request.status = RequestStatus.Cancelled;
        emit RequestCancelled(requestId, msg.sender);
    }

    /// @inheritdoc IEmergencyPool
    function withdraw(address asset, address to) external nonReentrant {
        uint256 amount = _owedTo[msg.sender][asset];
        if (amount == 0) revert PoolNothingOwed(msg.sender, asset);
        if (to == address(0) || to == address(this)) revert PoolInvalidRecipient(to);
        AssetState storage state = _assets[asset];
        _owedTo[msg.sender][asset] = 0;
        state.owed -= amount;
        state.paidOut += amount;
        emit Withdrawn(msg.sender, asset, to, amount);
        if (asset == ETH) {
            (bool sent,) = payable(to).call{value: amount}("");
            if (!sent) revert PoolWithdrawFailed(to);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }

    // ------------------------------------------------------------------------------------------- stewardship

    /// @inheritdoc IEmergencyPool
    function pause() external {
        _requireStewardTerm();
        if (_paused) revert PoolAlreadyPaused();
        _paused = true;
        emit Paused(msg.sender);
    }

    /// @inheritdoc IEmergencyPool
    function proposeChange(ChangeKind kind, address asset, uint256 value, bytes32 reason, AssetLimits calldata limits)
        external
        returns (uint256 changeId)
    {
        uint256 term = _requireStewardTerm();
        _validateChange(kind, asset, value, limits);
        changeId = ++_changeCount;
        uint64 expiresAt = uint64(block.timestamp) + CHANGE_LIFETIME;
        _changes[changeId] = Change({
            kind: kind,
            status: ChangeStatus.Pending,
            expiresAt: expiresAt,
            proposer: msg.sender,
            asset: asset,
            value: value,
            reason: reason,
            limits: limits
        });
        emit ChangeProposed(changeId, msg.sender, kind, asset, value, reason, expiresAt);
        if (kind == ChangeKind.SetAssetLimits) {
            emit AssetLimitsProposed(changeId, asset, limits.mintRate, limits.perRequestMax, limits.windowCap, limits.reserveFloor, limits.fastPathCap);
        }
        _approveChange(changeId, term);
    }

    /// @inheritdoc IEmergencyPool
    function approveChange(uint256 changeId) external returns (bool executed) {
        uint256 term = _requireStewardTerm();
        _requirePendingChange(changeId);
        return _approveChange(changeId, term);
    }

    /// @inheritdoc IEmergencyPool
    function executeChange(uint256 changeId) external {
        _requirePendingChange(changeId);
        uint256 approvals = _count(_changeBallots[changeId], true);
        uint256 threshold = _community.threshold();
        if (approvals < threshold) revert PoolChangeThresholdNotReached(changeId, approvals, threshold);
        _executeChange(changeId);
    }

    /// @inheritdoc IEmergencyPool
    function cancelChange(uint256 changeId) external {
        _requireStewardTerm();
        Change storage change = _requirePendingChange(changeId);
        if (change.proposer != msg.sender) revert PoolNotChangeProposer(changeId, msg.sender);
        change.status = ChangeStatus.Cancelled;
        emit ChangeCancelled(changeId, msg.sender);
    }

    // ------------------------------------------------------------------------------------------- views

    /// @inheritdoc IEmergencyPool
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IEmergencyPool
    function community() external view returns (address) {
        return address(_community);
    }

    /// @inheritdoc IEmergencyPool
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IEmergencyPool
    function settings() external view returns (PoolSettings memory) {
        return PoolSettings({
            window: _window,
            cooldown: _cooldown,
            requestLifetime: _requestLifetime,
            emergencyEndsAt: _emergencyEndsAt,
            emergencyThreshold: _emergencyThreshold,
            paused: _paused
        });
    }

    /// @inheritdoc IEmergencyPool
    function emergencyActive() external view returns (bool) {
        return _emergencyActive();
    }

    /// @inheritdoc IEmergencyPool
    function assets() external view returns (address[] memory) {
        return _assetList;
    }

    /// @inheritdoc IEmergencyPool
    function assetLimits(address asset) external view returns (bool allowed, AssetLimits memory limits) {
        AssetState storage state = _assets[asset];
        return (state.allowed, state.limits);
    }

    /// @inheritdoc IEmergencyPool
    function assetTotals(address asset) external view returns (AssetTotals memory) {
        AssetState storage state = _assets[asset];
        return AssetTotals({
            deposited: state.deposited,
            paidOut: state.paidOut,
            owed: state.owed,
            available: _available(state),
            windowUsed: _windowUsed(state)
        });
    }

    /// @inheritdoc IEmergencyPool
    function lastPaidAt(address recipient) external view returns (uint64) {
        return _lastPaidAt[recipient];
    }

    /// @inheritdoc IEmergencyPool
    function owedTo(address account, address asset) external view returns (uint256) {
        return _owedTo[account][asset];
    }

    /// @inheritdoc IEmergencyPool
    function depositCount() external view returns (uint256) {
        return _depositCount;
    }

    /// @inheritdoc IEmergencyPool
    function requestCount() external view returns (uint256) {
        return _requestCount;
    }

    /// @inheritdoc IEmergencyPool
    function getRequest(uint256 requestId) external view returns (AidRequest memory) {
        return _requireRequest(requestId);
    }

    /// @inheritdoc IEmergencyPool
    function isExpired(uint256 requestId) external view returns (bool) {
        AidRequest storage request = _requireRequest(requestId);
        return request.status == RequestStatus.Pending && block.timestamp >= request.expiresAt;
    }

    /// @inheritdoc IEmergencyPool
    function approvalCount(uint256 requestId) external view returns (uint256) {
        return _count(_requestBallots[requestId], true);
    }

    /// @inheritdoc IEmergencyPool
    function rejectionCount(uint256 requestId) external view returns (uint256) {
        return _count(_requestBallots[requestId], false);
    }

    /// @inheritdoc IEmergencyPool
    function requiredApprovals(uint256 requestId) external view returns (uint256) {
        return _required(_requireRequest(requestId), _community.threshold(), _count(_requestBallots[requestId], false));
    }

    /// @inheritdoc IEmergencyPool
    function hasApproved(uint256 requestId, address steward) external view returns (bool) {
        return _decided(_requestBallots[requestId], steward, true);
    }

    /// @inheritdoc IEmergencyPool
    function hasRejected(uint256 requestId, address steward) external view returns (bool) {
        return _decided(_requestBallots[requestId], steward, false);
    }

    /// @inheritdoc IEmergencyPool
    function changeCount() external view returns (uint256) {
        return _changeCount;
    }

    /// @inheritdoc IEmergencyPool
    function getChange(uint256 changeId) external view returns (Change memory) {
        if (_changes[changeId].status == ChangeStatus.None) revert PoolUnknownChange(changeId);
        return _changes[changeId];
    }

    /// @inheritdoc IEmergencyPool
    function changeApprovalCount(uint256 changeId) external view returns (uint256) {
        return _count(_changeBallots[changeId], true);
    }

    // ------------------------------------------------------------------------------------------- internals: money

    function _depositEth() private nonReentrant returns (uint256 depositId) {
        if (!_assets[ETH].allowed) revert PoolAssetNotAllowed(ETH);
        if (msg.value == 0) revert PoolZeroAmount();
        return _credit(ETH, msg.value);
    }

    /// @dev Books a deposit of `amount` (already received) and mints the donor's contribution tokens. Money forwarded
    /// by another minter of the community (a funding round returning its remainder) earns none: its givers were
    /// recognised where they gave. Only a contract can be a minter, so a person's deposit costs no extra call.
    function _credit(address asset, uint256 amount) private returns (uint256 depositId) {
        AssetState storage state = _assets[asset];
        state.deposited += amount;
        depositId = ++_depositCount;
        uint256 minted = Math.mulDiv(amount, state.limits.mintRate, 1e18);
        if (minted != 0 && msg.sender.code.length != 0 && _token.isMinter(msg.sender)) minted = 0;
        emit Deposited(depositId, msg.sender, asset, amount, minted);
        if (minted != 0) _token.mint(msg.sender, minted, bytes32(depositId));
    }

    /// @dev Checks every limit, books the payout, then pushes it (or keeps it for the recipient).
    function _pay(uint256 requestId, AidRequest storage request) private {
        if (_paused) revert PoolIsPaused();
        address asset = request.asset;
        uint256 amount = request.amount;
        address recipient = request.recipient;
        AssetState storage state = _assets[asset];
        _checkLimits(state, asset, amount, recipient);

        // Effects: the request is paid and the money booked as owed before anything leaves.
        request.status = RequestStatus.Paid;
        _lastPaidAt[recipient] = uint64(block.timestamp);
        state.cumulativeDisbursed.push(uint48(block.timestamp), SafeCast.toUint208(state.cumulativeDisbursed.latest() + amount));
        state.owed += amount;

        // Interaction: push; on success the owed amount becomes paid out, else it stays for `withdraw`.
        bool delivered = _push(asset, recipient, amount);
        if (delivered) {
            state.owed -= amount;
            state.paidOut += amount;
        } else {
            _owedTo[recipient][asset] += amount;
        }
        emit AidPaid(requestId, recipient, asset, amount, delivered);
    }

    function _checkLimits(AssetState storage state, address asset, uint256 amount, address recipient) private view {
        if (!state.allowed) revert PoolAssetNotAllowed(asset);
        AssetLimits storage limits = state.limits;
        if (amount > limits.perRequestMax) revert PoolOverRequestLimit(asset, amount, limits.perRequestMax);
        uint256 used = _windowUsed(state);
        if (used + amount > limits.windowCap) {
            revert PoolOverWindowCap(asset, amount, used >= limits.windowCap ? 0 : limits.windowCap - used, limits.windowCap);
        }
        uint64 last = _lastPaidAt[recipient];
        if (last != 0 && block.timestamp < uint256(last) + _cooldown) revert PoolRecipientCoolingDown(recipient, last + _cooldown);
        uint256 available = _available(state);
        if (amount > available) revert PoolInsufficientFunds(asset, amount, available);
        if (!_emergencyActive() && available - amount < limits.reserveFloor) {
            revert PoolBelowReserve(asset, amount, available, limits.reserveFloor);
        }
    }

    /// @dev Sends `amount` to `recipient` without reverting; ETH gets `PUSH_GAS` and its return data is not copied.
    function _push(address asset, address recipient, uint256 amount) private returns (bool delivered) {
        if (asset == ETH) {
            uint256 stipend = PUSH_GAS;
            assembly ("memory-safe") {
                delivered := call(stipend, recipient, amount, 0, 0, 0, 0)
            }
        } else {
            delivered = IERC20(asset).trySafeTransfer(recipient, amount);
        }
    }

    function _available(AssetState storage state) private view returns (uint256) {
        return state.deposited - state.paidOut - state.owed;
    }

    /// @dev What left (or was set aside for a recipient) in the last `window` seconds, up to and including now.
    function _windowUsed(AssetState storage state) private view returns (uint256) {
        uint256 total = state.cumulativeDisbursed.latest();
        if (block.timestamp <= _window) return total;
        return total - state.cumulativeDisbursed.upperLookupRecent(uint48(block.timestamp - _window));
    }

    // ------------------------------------------------------------------------------------------- internals: requests

    function _requireRequest(uint256 requestId) private view returns (AidRequest storage request) {
        request = _requests[requestId];
        if (request.status == RequestStatus.None) revert PoolUnknownRequest(requestId);
    }

    function _requireOpenRequest(uint256 requestId) private view returns (AidRequest storage request) {
        request = _requireRequest(requestId);
        if (request.status != RequestStatus.Pending) revert PoolRequestNotPending(requestId, request.status);
        if (block.timestamp >= request.expiresAt) revert PoolRequestExpired(requestId, request.expiresAt);
    }

    /// @dev The approvals that count now and how many the request needs; reverts when M current stewards rejected it (a
    /// lowered M must not turn a contested request into a payable one).
    function _tally(uint256 requestId, AidRequest storage request) private view returns (uint256 approvals, uint256 required) {
        Ballot storage ballot = _requestBallots[requestId];
        uint256 threshold = _community.threshold();
        uint256 rejections = _count(ballot, false);
        if (rejections >= threshold) revert PoolRejectedByStewards(requestId, rejections, threshold);
        approvals = _count(ballot, true);
        required = _required(request, threshold, rejections);
    }

    /// @dev M; inside an emergency, the emergency threshold (capped at M) for an uncontested request (no current
    /// rejection) up to the asset's fast-path cap.
    function _required(AidRequest storage request, uint256 threshold, uint256 rejections) private view returns (uint256) {
        if (rejections == 0 && _emergencyActive() && request.amount <= _assets[request.asset].limits.fastPathCap) {
            return Math.min(_emergencyThreshold, threshold);
        }
        return threshold;
    }

    function _emergencyActive() private view returns (bool) {
        return block.timestamp < _emergencyEndsAt;
    }

    // ------------------------------------------------------------------------------------------- internals: changes

    function _requirePendingChange(uint256 changeId) private view returns (Change storage change) {
        change = _changes[changeId];
        if (change.status == ChangeStatus.None) revert PoolUnknownChange(changeId);
        if (change.status != ChangeStatus.Pending) revert PoolChangeNotPending(changeId, change.status);
        if (block.timestamp >= change.expiresAt) revert PoolChangeExpired(changeId, change.expiresAt);
    }

    function _approveChange(uint256 changeId, uint256 term) private returns (bool executed) {
        Ballot storage ballot = _changeBallots[changeId];
        if (_decide(ballot, msg.sender, term, true, changeId) != Previous.None) revert PoolChangeAlreadyApproved(changeId, msg.sender);
        uint256 approvals = _count(ballot, true);
        uint256 threshold = _community.threshold();
        emit ChangeApproved(changeId, msg.sender, approvals, threshold);
        if (approvals >= threshold) {
            _executeChange(changeId);
            return true;
        }
        return false;
    }

    /// @dev Applies a change after checking it again against the current state; each event follows its state change.
    function _executeChange(uint256 changeId) private {
        Change storage change = _changes[changeId];
        change.status = ChangeStatus.Executed;
        ChangeKind kind = change.kind;
        uint256 value = change.value;
        _validateChange(kind, change.asset, value, change.limits);
        if (kind == ChangeKind.SetAssetLimits) {
            _setAssetLimits(change.asset, change.limits);
        } else if (kind == ChangeKind.RemoveAsset) {
            _removeAsset(change.asset);
        } else if (kind == ChangeKind.SetWindow) {
            uint64 previous = _window;
            _window = uint64(value);
            emit WindowChanged(previous, uint64(value));
        } else if (kind == ChangeKind.SetCooldown) {
            uint64 previous = _cooldown;
            _cooldown = uint64(value);
            emit CooldownChanged(previous, uint64(value));
        } else if (kind == ChangeKind.SetRequestLifetime) {
            uint64 previous = _requestLifetime;
            _requestLifetime = uint64(value);
            emit RequestLifetimeChanged(previous, uint64(value));
        } else if (kind == ChangeKind.SetEmergencyThreshold) {
            uint256 previous = _emergencyThreshold;
            _emergencyThreshold = value;
            emit EmergencyThresholdChanged(previous, value);
        } else if (kind == ChangeKind.DeclareEmergency) {
            _emergencyEndsAt = uint64(block.timestamp + value);
            emit EmergencyDeclared(changeId, change.reason, _emergencyEndsAt);
        } else if (kind == ChangeKind.EndEmergency) {
            _emergencyEndsAt = uint64(block.timestamp);
            emit EmergencyEnded(changeId);
        } else {
            _paused = false;
            emit Unpaused(changeId);
        }
        emit ChangeExecuted(changeId);
    }

    function _validateChange(ChangeKind kind, address asset, uint256 value, AssetLimits memory limits) private view {
        if (kind == ChangeKind.SetAssetLimits) {
            _validateLimits(asset, limits);
            if (!_assets[asset].allowed && _assetList.length >= MAX_ASSETS) revert PoolTooManyAssets(MAX_ASSETS);
        } else if (kind == ChangeKind.RemoveAsset) {
            if (!_assets[asset].allowed) revert PoolChangeNeedsAsset(kind, asset);
        } else if (kind == ChangeKind.SetWindow) {
            _validateWindow(value);
        } else if (kind == ChangeKind.SetCooldown) {
            _validateCooldown(value);
        } else if (kind == ChangeKind.SetRequestLifetime) {
            _validateRequestLifetime(value);
        } else if (kind == ChangeKind.SetEmergencyThreshold) {
            _validateEmergencyThreshold(value);
        } else if (kind == ChangeKind.DeclareEmergency) {
            if (value == 0 || value > MAX_EMERGENCY_DURATION) revert PoolInvalidEmergencyDuration(value, MAX_EMERGENCY_DURATION);
        } else if (kind == ChangeKind.EndEmergency) {
            if (!_emergencyActive()) revert PoolNoEmergency();
        } else if (!_paused) {
            revert PoolNotPaused();
        }
    }

    function _setAssetLimits(address asset, AssetLimits memory limits) private {
        _validateLimits(asset, limits);
        AssetState storage state = _assets[asset];
        if (!state.allowed) {
            if (_assetList.length >= MAX_ASSETS) revert PoolTooManyAssets(MAX_ASSETS);
            state.allowed = true;
            _assetList.push(asset);
        }
        state.limits = limits;
        emit AssetLimitsSet(asset, limits.mintRate, limits.perRequestMax, limits.windowCap, limits.reserveFloor, limits.fastPathCap);
    }

    /// @dev Bounded by MAX_ASSETS.
    function _removeAsset(address asset) private {
        _assets[asset].allowed = false;
        uint256 last = _assetList.length - 1;
        for (uint256 i = 0; i <= last; ++i) {
            if (_assetList[i] == asset) {
                _assetList[i] = _assetList[last];
                _assetList.pop();
                break;
            }
        }
        emit AssetRemoved(asset);
    }

    function _validateLimits(address asset, AssetLimits memory limits) private pure {
        if (limits.fastPathCap > limits.perRequestMax || limits.perRequestMax > limits.windowCap) revert PoolInvalidLimits(asset);
    }

    function _validateWindow(uint256 value) private pure {
        if (value < MIN_WINDOW || value > MAX_WINDOW) revert PoolInvalidWindow(value, MIN_WINDOW, MAX_WINDOW);
    }

    function _validateCooldown(uint256 value) private pure {
        if (value > MAX_COOLDOWN) revert PoolInvalidCooldown(value, MAX_COOLDOWN);
    }

    function _validateRequestLifetime(uint256 value) private pure {
        if (value < MIN_REQUEST_LIFETIME || value > MAX_REQUEST_LIFETIME) {
            revert PoolInvalidRequestLifetime(value, MIN_REQUEST_LIFETIME, MAX_REQUEST_LIFETIME);
        }
    }

    function _validateEmergencyThreshold(uint256 value) private pure {
        if (value == 0 || value > MAX_STEWARDS_IN_COMMUNITY) revert PoolInvalidEmergencyThreshold(value, MAX_STEWARDS_IN_COMMUNITY);
    }

    // ------------------------------------------------------------------------------------------- ballots

    /// @inheritdoc StewardBallots
    function _communityContract() internal view override returns (ICommunity) {
        return _community;
    }

    /// @inheritdoc StewardBallots
    function _revertNotSteward(address account) internal pure override {
        revert PoolNotSteward(account);
    }

    /// @inheritdoc StewardBallots
    function _revertBallotFull(uint256 id) internal pure override {
        revert PoolTooManyDecisions(id);
    }
}
