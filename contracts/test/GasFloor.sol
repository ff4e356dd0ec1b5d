// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title GasFloor
/// @notice Test-only baselines for the gas report (never deployed by the product): the bare cost of the
/// mechanisms AidDao builds on, measured in the same run as AidDao's own operations.
contract GasFloor is ERC20 {
    mapping(address => bool) private _recorded;

    /// @notice A decision was recorded.
    event Recorded(address indexed subject);

    /// @notice A plain ERC-20 named "Gas floor".
    constructor() ERC20("Gas floor", "FLOOR") {}

    /// @notice Two bare EIP-1167 clones, without any set-up: the floor of creating a community.
    function cloneTwo(address first, address second) external returns (address a, address b) {
        a = Clones.clone(first);
        b = Clones.clone(second);
    }

    /// @notice A plain OpenZeppelin ERC-20 mint (no votes, no checks): the floor of minting recognition.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice One event and one storage write: the floor of a single recorded decision.
    function record(address subject) external {
        _recorded[subject] = true;
        emit Recorded(subject);
    }
}
