// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICommunity} from "../interfaces/ICommunity.sol";

/// @title StewardBallots
/// @notice Approvals and rejections by a community's stewards, counted the way the community counts its own:
/// each decision records the steward's term (`ICommunity.stewardTerm`), and only decisions made in a steward's
/// current term count. A removed steward's decisions stop counting at once; one who is removed and added again
/// starts with none.
/// @dev A ballot lists each address that ever decided on it once per side, so counting loops over at most
/// `MAX_BALLOT_ENTRIES` entries (one external view call each).
abstract contract StewardBallots {
    /// @notice The most distinct addresses one ballot can list per side (the community allows 32 stewards at once).
    uint256 public constant MAX_BALLOT_ENTRIES = 64;

    /// @dev One steward's latest decision on one ballot.
    struct Decision {
        uint64 term;
        bool approve;
        bool listedAsApprover;
        bool listedAsRejecter;
    }

    /// @dev The decisions on one request or change.
    struct Ballot {
        address[] approvers;
        address[] rejecters;
        mapping(address steward => Decision) decisions;
    }

    /// @dev What a new decision met: nothing earlier in this term, or an approval or rejection already given.
    enum Previous {
        None,
        Approved,
        Rejected
    }

    /// @dev The community whose stewards decide.
    function _communityContract() internal view virtual returns (ICommunity);

    /// @dev Records `steward`'s decision (made in `term`) on `ballot`. Returns what the steward had already decided
    /// in this term; when that is not `None`, nothing was recorded.
    function _decide(Ballot storage ballot, address steward, uint256 term, bool approve, uint256 id) internal returns (Previous previous) {
        Decision storage decision = ballot.decisions[steward];
        if (decision.term == term) return decision.approve ? Previous.Approved : Previous.Rejected;
        decision.term = uint64(term);
        decision.approve = approve;
        if (approve && !decision.listedAsApprover) {
            _requireRoom(ballot.approvers, id);
            ballot.approvers.push(steward);
            decision.listedAsApprover = true;
        } else if (!approve && !decision.listedAsRejecter) {
            _requireRoom(ballot.rejecters, id);
            ballot.rejecters.push(steward);
            decision.listedAsRejecter = true;
        }
        return Previous.None;
    }

    /// @dev Counts approvals (or rejections) on `ballot` made by current stewards in their current term.
    function _count(Ballot storage ballot, bool approvals) internal view returns (uint256 count) {
        address[] storage listed = approvals ? ballot.approvers : ballot.rejecters;
        ICommunity community_ = _communityContract();
        uint256 length = listed.length;
        for (uint256 i = 0; i < length; ++i) {
            address steward = listed[i];
            Decision storage decision = ballot.decisions[steward];
            if (decision.approve == approvals && decision.term == community_.stewardTerm(steward)) ++count;
        }
    }

    /// @dev Whether `steward`'s current-term decision on `ballot` is `approve`.
    function _decided(Ballot storage ballot, address steward, bool approve) internal view returns (bool) {
        Decision storage decision = ballot.decisions[steward];
        uint256 term = _communityContract().stewardTerm(steward);
        return term != 0 && decision.term == term && decision.approve == approve;
    }

    /// @dev The caller's current term; reverts when it is not a steward.
    function _requireStewardTerm() internal view returns (uint256 term) {
        term = _communityContract().stewardTerm(msg.sender);
        if (term == 0) _revertNotSteward(msg.sender);
    }

    /// @dev Reverts with the pool's own "not a steward" error.
    function _revertNotSteward(address account) internal pure virtual;

    /// @dev Reverts with the pool's own "ballot full" error.
    function _revertBallotFull(uint256 id) internal pure virtual;

    function _requireRoom(address[] storage listed, uint256 id) private view {
        if (listed.length >= MAX_BALLOT_ENTRIES) _revertBallotFull(id);
    }
}
