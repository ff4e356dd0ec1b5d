// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICommunity} from "../interfaces/ICommunity.sol";
import {IEmergencyPool} from "../interfaces/IEmergencyPool.sol";
import {StewardBallots} from "../pool/StewardBallots.sol";

/// @title BallotHarness
/// @notice Test-only (never deployed by the product): StewardBallots on its own, acting as its own community where every
/// address is a steward in term 1, so a test can fill a ballot with more distinct deciders than a community could seat.
contract BallotHarness is StewardBallots {
    mapping(uint256 id => Ballot) private _ballots;

    /// @notice `steward` decided (`approve`) on ballot `id`.
    event Decided(uint256 indexed id, address indexed steward, bool approve);

    /// @notice Never raised: every address is a steward here.
    error BallotHarnessNotSteward(address account);

    /// @notice Record `steward`'s decision on ballot `id`; reverts `PoolTooManyDecisions` when that side is full.
    function decide(uint256 id, address steward, bool approve) external {
        _decide(_ballots[id], steward, 1, approve, id);
        emit Decided(id, steward, approve);
    }

    /// @notice Current-term approvals (or rejections) on ballot `id`.
    function count(uint256 id, bool approvals) external view returns (uint256) {
        return _count(_ballots[id], approvals);
    }

    /// @notice Every address is a steward in term 1.
    function stewardTerm(address) external pure returns (uint256) {
        return 1;
    }

    function _communityContract() internal view override returns (ICommunity) {
        return ICommunity(address(this));
    }

    function _revertNotSteward(address account) internal pure override {
        revert BallotHarnessNotSteward(account);
    }

    function _revertBallotFull(uint256 id) internal pure override {
        revert IEmergencyPool.PoolTooManyDecisions(id);
    }
}
