// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

/// @title StewardTerms
/// @notice The steward set of a community and the terms that make approvals expire with the role.
/// @dev Each time an address becomes a steward it gets a fresh term number (never 0); an approval records the approver's
/// term. Counting walks the current set (capped at MAX_STEWARDS) and keeps only approvals whose term is still the
/// approver's: a removed steward's approvals stop counting at once, and one who is removed and added again starts with
/// none, without touching any pending proposal or admission.
abstract contract StewardTerms {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice The largest steward set; bounds every loop over stewards.
    uint256 public constant MAX_STEWARDS = 32;

    EnumerableSet.AddressSet private _stewards;
    mapping(address account => uint256 term) private _stewardTerm;
    uint256 private _lastTerm;

    /// @dev The current term of `account`, 0 when it is not a steward.
    function _termOf(address account) internal view returns (uint256) {
        return _stewardTerm[account];
    }

    /// @dev The number of stewards N.
    function _stewardTotal() internal view returns (uint256) {
        return _stewards.length();
    }

    /// @dev All stewards.
    function _stewardList() internal view returns (address[] memory) {
        return _stewards.values();
    }

    /// @dev Makes `account` a steward with a fresh term; false when it already is one.
    function _grantStewardTerm(address account) internal returns (bool granted) {
        if (!_stewards.add(account)) return false;
        _stewardTerm[account] = ++_lastTerm;
        return true;
    }

    /// @dev Ends `account`'s term; its approvals stop counting.
    function _endStewardTerm(address account) internal {
        _stewards.remove(account);
        delete _stewardTerm[account];
    }

    /// @dev Records `steward`'s approval in `approvals`; false when it already holds one for the current term.
    function _recordApproval(mapping(address => uint256) storage approvals, address steward) internal returns (bool recorded) {
        uint256 term = _stewardTerm[steward];
        if (approvals[steward] == term) return false;
        approvals[steward] = term;
        return true;
    }

    /// @dev Whether `steward` holds an approval in `approvals` for their current term.
    function _approvedInTerm(mapping(address => uint256) storage approvals, address steward) internal view returns (bool) {
        uint256 term = _stewardTerm[steward];
        return term != 0 && approvals[steward] == term;
    }

    /// @dev Counts approvals made by current stewards in their current term. Bounded by MAX_STEWARDS.
    function _countCurrentApprovals(mapping(address => uint256) storage approvals) internal view returns (uint256 count) {
        uint256 length = _stewards.length();
        for (uint256 i = 0; i < length; ++i) {
            address steward = _stewards.at(i);
            if (approvals[steward] == _stewardTerm[steward]) ++count;
        }
    }
}
