// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEmergencyPool} from "../interfaces/IEmergencyPool.sol";

/// @title HostileRecipient
/// @notice Test-only recipient (never deployed by the product) that misbehaves when paid ETH: it reverts, re-enters
/// the pool, or burns all the gas it is given. It can be switched to accept, and then withdraws what it is owed.
contract HostileRecipient {
    /// @notice How the recipient reacts to ETH.
    enum Mode {
        Accept,
        Revert,
        Reenter,
        BurnGas
    }

    /// @notice The pool this recipient attacks.
    IEmergencyPool public immutable pool;
    /// @notice The current reaction.
    Mode public mode;
    /// @notice The request the recipient tries to get paid twice when re-entering.
    uint256 public targetRequest;
    /// @notice Whether any re-entry attempt succeeded (it never should).
    bool public reentrySucceeded;
    /// @notice How many times the recipient tried to re-enter.
    uint256 public reentryAttempts;

    /// @notice The recipient refuses ETH.
    error HostileRecipientRefuses();

    /// @notice A recipient aimed at `pool_`.
    constructor(IEmergencyPool pool_) {
        pool = pool_;
    }

    /// @notice Set the reaction and the request to re-enter with.
    function setMode(Mode mode_, uint256 targetRequest_) external {
        mode = mode_;
        targetRequest = targetRequest_;
    }

    /// @notice Withdraw what the pool keeps for this contract, to itself.
    function withdrawOwed() external {
        pool.withdraw(address(0), address(this));
    }

    receive() external payable {
        if (mode == Mode.Revert) revert HostileRecipientRefuses();
        if (mode == Mode.Reenter) {
            // Try to be paid again, then to take the money kept for it; both must fail.
            (bool executed,) = address(pool).call(abi.encodeCall(IEmergencyPool.execute, (targetRequest)));
            (bool withdrew,) = address(pool).call(abi.encodeCall(IEmergencyPool.withdraw, (address(0), address(this))));
            ++reentryAttempts;
            if (executed || withdrew) reentrySucceeded = true;
            return;
        }
        if (mode == Mode.BurnGas) {
            while (true) {}
        }
    }
}
