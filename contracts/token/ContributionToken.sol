// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20VotesUpgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {VotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/utils/VotesUpgradeable.sol";
import {ICommunity} from "../interfaces/ICommunity.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";

/// @title ContributionToken
/// @notice Soulbound ERC-20 with ERC20Votes checkpoints: recognition for donations (minted by the community's
/// pools and rounds) and volunteer hours (attested by stewards, one hour = one token). It cannot be transferred,
/// approved or delegated; each holder's votes are their own balance, readable at past blocks.
/// @dev Deployed once as an implementation; each community's token is an EIP-1167 clone.
contract ContributionToken is IContributionToken, ERC20VotesUpgradeable {
    /// @notice The most hours one attestation may cover (a month of round-the-clock work).
    uint256 public constant MAX_HOURS_PER_ATTESTATION = 744;

    address private _community;
    mapping(address account => bool) private _minters;
    uint256 private _attestationCount;

    modifier onlyCommunity() {
        if (msg.sender != _community) revert ContributionTokenOnlyCommunity(msg.sender);
        _;
    }

    /// @dev The implementation itself is never set up; only clones are.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IContributionToken
    function initialize(string calldata name_, string calldata symbol_, address community_) external initializer {
        __ERC20_init(name_, symbol_);
        __EIP712_init(name_, "1");
        __ERC20Votes_init();
        if (community_ == address(0)) revert ContributionTokenZeroCommunity();
        _community = community_;
    }

    /// @inheritdoc IContributionToken
    function setMinter(address minter, bool allowed) external onlyCommunity {
        _minters[minter] = allowed;
        emit MinterSet(minter, allowed);
    }

    /// @inheritdoc IContributionToken
    function mint(address to, uint256 amount, bytes32 reason) external {
        if (!_minters[msg.sender]) revert ContributionTokenNotMinter(msg.sender);
        if (to == address(0) || amount == 0) revert ContributionTokenInvalidMint(to, amount);
        _mint(to, amount);
        emit ContributionMinted(to, msg.sender, amount, reason);
    }

    /// @inheritdoc IContributionToken
    function attestHours(address volunteer, uint256 hoursWorked, bytes32 evidenceHash) external returns (uint256 attestationId) {
        ICommunity community_ = ICommunity(_community);
        if (!community_.isSteward(msg.sender)) revert ContributionTokenNotSteward(msg.sender);
        if (volunteer == msg.sender) revert ContributionTokenSelfAttestation(msg.sender);
        if (!community_.isMember(volunteer)) revert ContributionTokenNotMember(volunteer);
        if (hoursWorked == 0 || hoursWorked > MAX_HOURS_PER_ATTESTATION) {
            revert ContributionTokenHoursOutOfRange(hoursWorked, MAX_HOURS_PER_ATTESTATION);
        }
        attestationId = ++_attestationCount;
        _mint(volunteer, hoursWorked * 10 ** decimals());
        emit HoursAttested(attestationId, volunteer, msg.sender, hoursWorked, evidenceHash);
    }

    /// @inheritdoc IContributionToken
    function community() external view returns (address) {
        return _community;
    }

    /// @inheritdoc IContributionToken
    function isMinter(address account) external view returns (bool) {
        return _minters[account];
    }

    /// @inheritdoc IContributionToken
    function attestationCount() external view returns (uint256) {
        return _attestationCount;
    }

    // ------------------------------------------------------------------ soulbound: no transfers, approvals or delegation
    // These keep ERC-20's nonpayable signatures (so wallets and tools see a normal ERC-20 ABI) and always revert.

    /// @notice Always reverts: contribution tokens are not transferable.
    function transfer(address, uint256) public virtual override returns (bool) {
        revert ContributionTokenNonTransferable();
    }

    /// @notice Always reverts: contribution tokens are not transferable.
    function transferFrom(address, address, uint256) public virtual override returns (bool) {
        revert ContributionTokenNonTransferable();
    }

    /// @notice Always reverts: there is nothing to approve.
    function approve(address, uint256) public virtual override returns (bool) {
        revert ContributionTokenNonTransferable();
    }

    /// @notice Always reverts: votes stay with the holder.
    function delegate(address) public virtual override {
        revert ContributionTokenDelegationFixed();
    }

    /// @notice Always reverts: votes stay with the holder.
    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) public virtual override {
        revert ContributionTokenDelegationFixed();
    }

    /// @dev Only mints move balances. A first-time holder is delegated to themselves right after the mint,
    /// which moves their whole balance into their votes.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0)) revert ContributionTokenNonTransferable();
        super._update(from, to, value);
        if (delegates(to) == address(0)) _delegate(to, to);
    }
}
