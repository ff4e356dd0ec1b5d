// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFundingRound} from "../interfaces/IFundingRound.sol";

/// @title HostileRoundRecipient
/// @notice Test-only project recipient for FundingRound: accepts, reverts, re-enters the round or burns all gas when
/// paid, to show that `distribute` goes on without it and that it is never paid twice.
contract HostileRoundRecipient {
    /// @notice What `receive` does.
    enum Mode {
        Accept,
        Revert,
        ReenterClaim,
        ReenterDistribute,
        BurnGas
    }

    /// @notice The recipient refused a payment.
    error HostileRoundRecipientRefused();

    IFundingRound public immutable round;
    Mode public mode;
    uint256 public projectId;
    uint256 public received;

    /// @param round_ The round to apply to and re-enter.
    constructor(IFundingRound round_) {
        round = round_;
    }

    /// @notice Sets the behaviour on payment.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Applies to the round with this contract as recipient and remembers the project id.
    function applyAsRecipient(bytes32 metadata) external returns (uint256 id) {
        id = round.applyForFunding(address(this), metadata);
        projectId = id;
    }

    /// @notice Claims this contract's project to `to`.
    function claim(address to) external {
        round.claim(projectId, to);
    }

    receive() external payable {
        Mode current = mode;
        if (current == Mode.Revert) revert HostileRoundRecipientRefused();
        if (current == Mode.ReenterClaim) round.claim(projectId, address(this));
        if (current == Mode.ReenterDistribute) round.distribute(0, 250);
        if (current == Mode.BurnGas) {
            while (gasleft() > 0) {}
        }
        received += msg.value;
    }
}
