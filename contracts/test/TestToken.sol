// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken
/// @notice Test-only ERC-20 (never deployed by the product): anyone may mint; the owner of the test can make transfers
/// to chosen addresses revert, as a sanctioned stablecoin would.
contract TestToken is ERC20 {
    uint8 private immutable _decimals;
    mapping(address account => bool) private _blocked;

    /// @notice Transfers to `account` now revert (`blocked`) or work again.
    event BlockedSet(address indexed account, bool blocked);

    /// @notice Transfers to `account` are blocked.
    error TestTokenBlocked(address account);

    /// @notice A token with the given name, symbol and decimals.
    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        _decimals = decimals_;
    }

    /// @notice Mint `amount` to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Make transfers to `account` revert or work.
    function setBlocked(address account, bool blocked) external {
        _blocked[account] = blocked;
        emit BlockedSet(account, blocked);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (_blocked[to]) revert TestTokenBlocked(to);
        super._update(from, to, value);
    }
}
