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

    /// @notice Value was forwarded.
    event Forwarded(address indexed from, address indexed to, uint256 amount);

    /// @notice Forwarding ETH failed.
    error GasFloorForwardFailed(address to);

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

    /// @notice Forwards the ETH sent to `to` and emits one event: the floor of a contribution in ETH.
    function forwardEth(address to) external payable {
        (bool ok,) = payable(to).call{value: msg.value}("");
        if (!ok) revert GasFloorForwardFailed(to);
        emit Forwarded(msg.sender, to, msg.value);
    }

    /// @notice Moves `amount` of `token` from the caller to `to` and emits one event: the floor of an ERC-20 contribution.
    function forwardToken(address token, address to, uint256 amount) external {
        ERC20(token).transferFrom(msg.sender, to, amount);
        emit Forwarded(msg.sender, to, amount);
    }
}
