// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTransferToken
/// @notice Test-only odd ERC-20 (never deployed by the product): every transfer burns a fee of `feeBasisPoints`, so the
/// receiver gets less than was sent. A fee of 10000 burns everything.
contract FeeOnTransferToken is ERC20 {
    uint256 private immutable _feeBasisPoints;

    /// @notice A token that burns `feeBasisPoints_` / 10000 of each transfer.
    constructor(uint256 feeBasisPoints_) ERC20("Fee token", "FEE") {
        _feeBasisPoints = feeBasisPoints_;
    }

    /// @notice Mint `amount` to `to` (no fee).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = value * _feeBasisPoints / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
