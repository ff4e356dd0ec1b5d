// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IEmergencyPool
/// @notice A community's shared fund for urgent needs. Anyone deposits ETH or an allowed ERC-20 and receives
/// contribution tokens at the asset's rate; members file aid requests; the community's stewards approve or reject,
/// and the approval that reaches the threshold pays the recipient in the same transaction.
/// @dev Asset `address(0)` is native ETH. Limits protect the fund: a per-request maximum, a cap on what leaves in
/// any rolling window, a cooldown per recipient, and a reserve floor that only an emergency may dip into. Limits,
/// unpausing and emergencies are changed by pool changes that need M approvals of the community's current
/// stewards (M = the community's threshold). A payment is pushed with a gas stipend; if the recipient cannot take
/// it, it is kept for them to withdraw, so no recipient can block the pool.
interface IEmergencyPool {
    /// @notice Where an aid request stands. An expired request is still `Pending` on-chain; see `isExpired`.
    enum RequestStatus {
        None,
        Pending,
        Paid,
        Rejected,
        Cancelled
    }

    /// @notice Where a pool change stands.
    enum ChangeStatus {
        None,
        Pending,
        Executed,
        Cancelled
    }

    /// @notice What a pool change does when M stewards have approved it.
    enum ChangeKind {
        SetAssetLimits, // asset, limits: allow the asset (or update it) with these limits
        RemoveAsset, // asset: stop deposits and payouts in it (money owed to recipients stays withdrawable)
        SetWindow, // value: rolling-window length in seconds
        SetCooldown, // value: per-recipient cooldown in seconds
        SetRequestLifetime, // value: how long a new request stays open, in seconds
        SetEmergencyThreshold, // value: approvals that pay a fast-path request during an emergency
        DeclareEmergency, // value: duration in seconds; reason: hash of the off-chain statement
        EndEmergency, // end the current emergency early
        Unpause // resume disbursements
    }

    /// @notice The limits of one asset. Amounts are in the asset's smallest unit (wei for ETH).
    struct AssetLimits {
        uint256 mintRate; // contribution-token wei minted per 1e18 units deposited (0 = no tokens)
        uint256 perRequestMax; // the largest amount one request may ask for
        uint256 windowCap; // the most that may leave in any rolling window
        uint256 reserveFloor; // what must stay in the pool outside an emergency
        uint256 fastPathCap; // the largest request the emergency threshold may pay (0 = no fast path)
    }

    /// @notice A pool's founding configuration.
    struct PoolSetup {
        string name;
        uint64 window;
        uint64 cooldown;
        uint64 requestLifetime;
        uint256 emergencyThreshold;
        address[] assets;
        AssetLimits[] limits;
    }

    /// @notice An aid request.
    struct AidRequest {
        address requester;
        uint8 urgency;
        RequestStatus status;
        uint64 createdAt;
        uint64 expiresAt;
        address recipient;
        address asset;
        uint256 amount;
        bytes32 detailsHash;
    }

    /// @notice A proposed change to the pool's rules.
    struct Change {
        ChangeKind kind;
        ChangeStatus status;
        uint64 expiresAt;
        address proposer;
        address asset;
        uint256 value;
        bytes32 reason;
        AssetLimits limits;
    }

    /// @notice Rules that are not per asset.
    struct PoolSettings {
        uint64 window;
        uint64 cooldown;
        uint64 requestLifetime;
        uint64 emergencyEndsAt;
        uint256 emergencyThreshold;
        bool paused;
    }

    /// @notice The money of one asset. `available` = deposited - paidOut - owed.
    struct AssetTotals {
        uint256 deposited;
        uint256 paidOut;
        uint256 owed;
        uint256 available;
        uint256 windowUsed;
    }

    // ----------------------------------------------------------------------------------------------- events

    /// @notice The pool was set up for `community`.
    event PoolInitialized(address indexed community, string name, uint64 window, uint64 cooldown, uint64 requestLifetime, uint256 emergencyThreshold);
    /// @notice `donor` deposited `amount` of `asset` (what actually arrived) and received `minted` contribution tokens.
    event Deposited(uint256 indexed depositId, address indexed donor, address indexed asset, uint256 amount, uint256 minted);
    /// @notice Member `requester` asked for `amount` of `asset` for `recipient`.
    event AidRequested(
        uint256 indexed requestId,
        address indexed requester,
        address indexed recipient,
        address asset,
        uint256 amount,
        uint8 urgency,
        bytes32 detailsHash,
        uint64 expiresAt
    );
    /// @notice `steward` approved request `requestId`; `approvals` of the `required` now count.
    event RequestApproved(uint256 indexed requestId, address indexed steward, uint256 approvals, uint256 required);
    /// @notice `steward` rejected request `requestId`; `rejections` of the `threshold` now count.
    event RequestRejected(uint256 indexed requestId, address indexed steward, uint256 rejections, uint256 threshold);
    /// @notice Request `requestId` was closed by M rejections.
    event RequestDeclined(uint256 indexed requestId);
    /// @notice The requester withdrew request `requestId`.
    event RequestCancelled(uint256 indexed requestId, address indexed by);
    /// @notice Request `requestId` was paid: `delivered` is false when the recipient could not take the payment and it
    /// is kept for them to withdraw.
    event AidPaid(uint256 indexed requestId, address indexed recipient, address indexed asset, uint256 amount, bool delivered);
    /// @notice `account` withdrew `amount` of `asset` kept for them, to `to`.
    event Withdrawn(address indexed account, address indexed asset, address to, uint256 amount);
    /// @notice Steward `by` paused disbursements.
    event Paused(address indexed by);
    /// @notice Disbursements resumed by change `changeId`.
    event Unpaused(uint256 indexed changeId);
    /// @notice An emergency was declared by change `changeId` until `endsAt`.
    event EmergencyDeclared(uint256 indexed changeId, bytes32 reason, uint64 endsAt);
    /// @notice The emergency was ended early by change `changeId`.
    event EmergencyEnded(uint256 indexed changeId);
    /// @notice `asset` is allowed with these limits.
    event AssetLimitsSet(address indexed asset, uint256 mintRate, uint256 perRequestMax, uint256 windowCap, uint256 reserveFloor, uint256 fastPathCap);
    /// @notice `asset` is no longer allowed.
    event AssetRemoved(address indexed asset);
    /// @notice The rolling-window length changed.
    event WindowChanged(uint64 previousWindow, uint64 newWindow);
    /// @notice The per-recipient cooldown changed.
    event CooldownChanged(uint64 previousCooldown, uint64 newCooldown);
    /// @notice The lifetime of new requests changed.
    event RequestLifetimeChanged(uint64 previousLifetime, uint64 newLifetime);
    /// @notice The emergency threshold changed.
    event EmergencyThresholdChanged(uint256 previousThreshold, uint256 newThreshold);
    /// @notice Steward `proposer` proposed change `changeId`.
    event ChangeProposed(uint256 indexed changeId, address indexed proposer, ChangeKind kind, address asset, uint256 value, bytes32 reason, uint64 expiresAt);
    /// @notice Change `changeId` proposes these limits for `asset` (emitted with `ChangeProposed` for SetAssetLimits).
    event AssetLimitsProposed(
        uint256 indexed changeId, address indexed asset, uint256 mintRate, uint256 perRequestMax, uint256 windowCap, uint256 reserveFloor, uint256 fastPathCap
    );
    /// @notice `steward` approved change `changeId`; `approvals` of `threshold` now count.
    event ChangeApproved(uint256 indexed changeId, address indexed steward, uint256 approvals, uint256 threshold);
    /// @notice Change `changeId` passed and was applied.
    event ChangeExecuted(uint256 indexed changeId);
    /// @notice Change `changeId` was withdrawn by its proposer.
    event ChangeCancelled(uint256 indexed changeId, address indexed by);

    // ----------------------------------------------------------------------------------------------- errors

    /// @notice `account` is not a steward of the pool's community.
    error PoolNotSteward(address account);
    /// @notice `account` is not a member of the pool's community.
    error PoolNotMember(address account);
    /// @notice A community address is required.
    error PoolZeroCommunity();
    /// @notice Pool names are 1 to 64 bytes.
    error PoolInvalidName();
    /// @notice `asset` is not accepted by this pool.
    error PoolAssetNotAllowed(address asset);
    /// @notice `asset` is listed twice in the set-up.
    error PoolDuplicateAsset(address asset);
    /// @notice A pool accepts at most `max` assets.
    error PoolTooManyAssets(uint256 max);
    /// @notice The set-up lists `assets` assets but `limits` limits.
    error PoolSetupMismatch(uint256 assets, uint256 limits);
    /// @notice The limits of `asset` contradict each other: the fast-path cap must not exceed the per-request maximum,
    /// and the per-request maximum must not exceed the window cap.
    error PoolInvalidLimits(address asset);
    /// @notice An amount of zero was given.
    error PoolZeroAmount();
    /// @notice The token transfer delivered nothing to the pool.
    error PoolNothingReceived(address asset);
    /// @notice Urgency runs from 1 (can wait) to 5 (life or safety).
    error PoolInvalidUrgency(uint8 urgency);
    /// @notice `recipient` cannot receive aid (zero address or the pool itself).
    error PoolInvalidRecipient(address recipient);
    /// @notice A request needs the hash of its off-chain details.
    error PoolMissingDetails();
    /// @notice No request has id `requestId`.
    error PoolUnknownRequest(uint256 requestId);
    /// @notice Request `requestId` is no longer pending.
    error PoolRequestNotPending(uint256 requestId, RequestStatus status);
    /// @notice Request `requestId` expired at `expiredAt`.
    error PoolRequestExpired(uint256 requestId, uint64 expiredAt);
    /// @notice Only the requester may cancel request `requestId`.
    error PoolNotRequester(uint256 requestId, address account);
    /// @notice `steward` filed request `requestId` or would be paid by it, so cannot approve it.
    error PoolSelfApproval(uint256 requestId, address steward);
    /// @notice `steward` already approved request `requestId`.
    error PoolAlreadyApproved(uint256 requestId, address steward);
    /// @notice `steward` already rejected request `requestId`.
    error PoolAlreadyRejected(uint256 requestId, address steward);
    /// @notice Request or change `id` has reached the most decisions it can hold.
    error PoolTooManyDecisions(uint256 id);
    /// @notice Request `requestId` has `rejections` rejections from current stewards, as many as the threshold
    /// `threshold`: it cannot be paid.
    error PoolRejectedByStewards(uint256 requestId, uint256 rejections, uint256 threshold);
    /// @notice Request `requestId` has `approvals` approvals from current stewards; it needs `required`.
    error PoolNotEnoughApprovals(uint256 requestId, uint256 approvals, uint256 required);
    /// @notice `amount` of `asset` is over the per-request limit `max`.
    error PoolOverRequestLimit(address asset, uint256 amount, uint256 max);
    /// @notice Paying `amount` of `asset` would exceed the window cap `cap`; `remaining` can still leave in this window.
    error PoolOverWindowCap(address asset, uint256 amount, uint256 remaining, uint256 cap);
    /// @notice `recipient` was paid recently; they can be paid again from `availableAt`.
    error PoolRecipientCoolingDown(address recipient, uint64 availableAt);
    /// @notice The pool holds only `available` of `asset`, less than `amount`.
    error PoolInsufficientFunds(address asset, uint256 amount, uint256 available);
    /// @notice Paying `amount` of `asset` would take the pool below its reserve floor `reserveFloor` (`available` held).
    error PoolBelowReserve(address asset, uint256 amount, uint256 available, uint256 reserveFloor);
    /// @notice Disbursements are paused.
    error PoolIsPaused();
    /// @notice Disbursements are already paused.
    error PoolAlreadyPaused();
    /// @notice Disbursements are not paused.
    error PoolNotPaused();
    /// @notice Nothing of `asset` is kept for `account`.
    error PoolNothingOwed(address account, address asset);
    /// @notice Sending ETH to `to` failed.
    error PoolWithdrawFailed(address to);
    /// @notice The rolling window must be between `min` and `max` seconds.
    error PoolInvalidWindow(uint256 window, uint256 min, uint256 max);
    /// @notice The cooldown may be at most `max` seconds.
    error PoolInvalidCooldown(uint256 cooldown, uint256 max);
    /// @notice A request lifetime must be between `min` and `max` seconds.
    error PoolInvalidRequestLifetime(uint256 lifetime, uint256 min, uint256 max);
    /// @notice The emergency threshold must be between 1 and `max`.
    error PoolInvalidEmergencyThreshold(uint256 threshold, uint256 max);
    /// @notice An emergency lasts 1 second to `max` seconds.
    error PoolInvalidEmergencyDuration(uint256 duration, uint256 max);
    /// @notice No emergency is in force.
    error PoolNoEmergency();
    /// @notice The change needs an asset that the pool accepts.
    error PoolChangeNeedsAsset(ChangeKind kind, address asset);
    /// @notice No change has id `changeId`.
    error PoolUnknownChange(uint256 changeId);
    /// @notice Change `changeId` is no longer pending.
    error PoolChangeNotPending(uint256 changeId, ChangeStatus status);
    /// @notice Change `changeId` expired at `expiredAt`.
    error PoolChangeExpired(uint256 changeId, uint64 expiredAt);
    /// @notice `steward` already approved change `changeId`.
    error PoolChangeAlreadyApproved(uint256 changeId, address steward);
    /// @notice Change `changeId` has `approvals` approvals from current stewards; it needs `threshold`.
    error PoolChangeThresholdNotReached(uint256 changeId, uint256 approvals, uint256 threshold);
    /// @notice Only the proposer may cancel change `changeId`.
    error PoolNotChangeProposer(uint256 changeId, address account);

    // ----------------------------------------------------------------------------------------------- set-up

    /// @notice Set up a fresh clone. Called once, by the factory, in the transaction that creates it. The pool starts
    /// paused: it pays nothing until M stewards accept its founding rules by approving an `Unpause` change.
    /// @param setup Name, window, cooldown, request lifetime, emergency threshold, assets and their limits.
    /// @param community_ The Community whose members ask and whose stewards decide.
    function initialize(PoolSetup calldata setup, address community_) external;

    // ----------------------------------------------------------------------------------------------- money in

    /// @notice Deposit ETH (sending ETH to the pool without data does the same). Mints contribution tokens to the
    /// sender at ETH's rate.
    /// @return depositId The deposit's id (ids start at 1).
    function deposit() external payable returns (uint256 depositId);

    /// @notice Deposit `amount` of the allowed ERC-20 `asset` (approve the pool first). What actually arrives is
    /// credited, so fee-on-transfer tokens are handled.
    /// @param asset The token.
    /// @param amount How much to transfer, in the token's smallest unit.
    /// @return depositId The deposit's id.
    function depositToken(address asset, uint256 amount) external returns (uint256 depositId);

    // ----------------------------------------------------------------------------------------------- requests

    /// @notice As a member, ask for `amount` of `asset` to be paid to `recipient`.
    /// @param asset The asset (address(0) for ETH).
    /// @param amount How much, at most the asset's per-request limit.
    /// @param recipient Who is paid (the member, or for instance their landlord).
    /// @param urgency 1 (can wait) to 5 (life or safety).
    /// @param detailsHash Hash of the off-chain details, so private details never go on-chain.
    /// @return requestId The request's id (ids start at 1 and increase; identical requests get distinct ids).
    function requestAid(address asset, uint256 amount, address recipient, uint8 urgency, bytes32 detailsHash) external returns (uint256 requestId);

    /// @notice As a steward, approve request `requestId`. The approval that reaches the required number pays the
    /// recipient in this transaction, and the transaction reverts with the reason if a limit forbids the payment (the
    /// approval is then not recorded either: approve again once the limit allows). A request that M current stewards
    /// rejected cannot be paid; on the emergency fast path, a request with any current rejection needs M approvals.
    /// @param requestId The request.
    /// @return paid Whether this approval paid the request.
    function approve(uint256 requestId) external returns (bool paid);

    /// @notice As a steward, reject request `requestId`; M rejections close it.
    /// @param requestId The request.
    /// @return declined Whether this rejection closed the request.
    function reject(uint256 requestId) external returns (bool declined);

    /// @notice Pay request `requestId` if enough current stewards have approved it: the approvals it needs fell since the
    /// last one (the community lowered M, an emergency opened the fast path, or its fast-path cap was raised). Anyone
    /// may call.
    /// @param requestId The request.
    function execute(uint256 requestId) external;

    /// @notice As the requester, withdraw a pending request.
    /// @param requestId The request.
    function cancel(uint256 requestId) external;

    /// @notice Withdraw what is kept for the caller in `asset` (payments they could not take) to `to`.
    /// @param asset The asset.
    /// @param to Where to send it.
    function withdraw(address asset, address to) external;

    // ----------------------------------------------------------------------------------------------- stewardship

    /// @notice As a steward, stop disbursements at once. Deposits stay open; resuming needs an `Unpause` change.
    function pause() external;

    /// @notice As a steward, propose a change to the pool's rules; the proposer's approval counts at once.
    /// @param kind What to change.
    /// @param asset The asset for asset changes, else zero.
    /// @param value The number for window, cooldown, lifetime, threshold and emergency-duration changes, else zero.
    /// @param reason Hash of the off-chain statement for an emergency, else zero.
    /// @param limits The asset's new limits for `SetAssetLimits`, else zeros.
    /// @return changeId The change's id (ids start at 1).
    function proposeChange(ChangeKind kind, address asset, uint256 value, bytes32 reason, AssetLimits calldata limits) external returns (uint256 changeId);

    /// @notice As a steward, approve change `changeId`; the approval that reaches M applies it.
    /// @param changeId The change.
    /// @return executed Whether this approval applied the change.
    function approveChange(uint256 changeId) external returns (bool executed);

    /// @notice Apply change `changeId` if M current stewards have approved it. Anyone may call.
    /// @param changeId The change.
    function executeChange(uint256 changeId) external;

    /// @notice As its proposer (and still a steward), withdraw a pending change.
    /// @param changeId The change.
    function cancelChange(uint256 changeId) external;

    // ----------------------------------------------------------------------------------------------- views

    /// @notice The pool's name.
    function name() external view returns (string memory);
    /// @notice The pool's community.
    function community() external view returns (address);
    /// @notice The community's contribution token.
    function token() external view returns (address);
    /// @notice Window, cooldown, request lifetime, emergency end and threshold, paused.
    function settings() external view returns (PoolSettings memory);
    /// @notice Whether an emergency is in force now.
    function emergencyActive() external view returns (bool);
    /// @notice The assets the pool accepts (address(0) = ETH).
    function assets() external view returns (address[] memory);
    /// @notice Whether `asset` is accepted, and its limits.
    function assetLimits(address asset) external view returns (bool allowed, AssetLimits memory limits);
    /// @notice The money of `asset`: deposited, paid out, owed to recipients, available, used in the current window.
    function assetTotals(address asset) external view returns (AssetTotals memory);
    /// @notice When `recipient` was last paid (0 = never).
    function lastPaidAt(address recipient) external view returns (uint64);
    /// @notice What is kept for `account` in `asset`.
    function owedTo(address account, address asset) external view returns (uint256);
    /// @notice The number of deposits so far.
    function depositCount() external view returns (uint256);
    /// @notice The number of requests so far (the latest id).
    function requestCount() external view returns (uint256);
    /// @notice Request `requestId`.
    function getRequest(uint256 requestId) external view returns (AidRequest memory);
    /// @notice Whether pending request `requestId` is past its expiry.
    function isExpired(uint256 requestId) external view returns (bool);
    /// @notice Approvals of request `requestId` from current stewards.
    function approvalCount(uint256 requestId) external view returns (uint256);
    /// @notice Rejections of request `requestId` from current stewards.
    function rejectionCount(uint256 requestId) external view returns (uint256);
    /// @notice Approvals request `requestId` needs now (lower on the emergency fast path when no current steward rejected it).
    function requiredApprovals(uint256 requestId) external view returns (uint256);
    /// @notice Whether `steward` (in their current term) approved request `requestId`.
    function hasApproved(uint256 requestId, address steward) external view returns (bool);
    /// @notice Whether `steward` (in their current term) rejected request `requestId`.
    function hasRejected(uint256 requestId, address steward) external view returns (bool);
    /// @notice The number of changes proposed so far (the latest id).
    function changeCount() external view returns (uint256);
    /// @notice Change `changeId`.
    function getChange(uint256 changeId) external view returns (Change memory);
    /// @notice Approvals of change `changeId` from current stewards.
    function changeApprovalCount(uint256 changeId) external view returns (uint256);
}
