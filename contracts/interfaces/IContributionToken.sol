// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IContributionToken
/// @notice Non-transferable recognition for donations and volunteer hours. Balances are voting power:
/// every holder is delegated to themselves on their first mint, and checkpoints let anyone read a holder's
/// votes at a past block (`getPastVotes`). One attested hour is one token, whatever the skill.
interface IContributionToken {
    /// @notice The community authorised (`allowed`) or revoked a minter.
    event MinterSet(address indexed minter, bool allowed);
    /// @notice `minter` minted `amount` to `to` for `reason` (for instance a deposit id).
    event ContributionMinted(address indexed to, address indexed minter, uint256 amount, bytes32 reason);
    /// @notice Steward `steward` attested `hoursWorked` volunteer hours by `volunteer`, with evidence kept
    /// off-chain under `evidenceHash`.
    event HoursAttested(uint256 indexed attestationId, address indexed volunteer, address indexed steward, uint256 hoursWorked, bytes32 evidenceHash);

    /// @notice Contribution tokens cannot be transferred, approved or delegated away.
    error ContributionTokenNonTransferable();
    /// @notice Votes always stay with the holder; delegation is fixed.
    error ContributionTokenDelegationFixed();
    /// @notice `account` is not an authorised minter.
    error ContributionTokenNotMinter(address account);
    /// @notice Only the community contract may do this; `account` tried.
    error ContributionTokenOnlyCommunity(address account);
    /// @notice `account` is not a steward of the community.
    error ContributionTokenNotSteward(address account);
    /// @notice `account` is not a member of the community.
    error ContributionTokenNotMember(address account);
    /// @notice A steward cannot attest their own hours.
    error ContributionTokenSelfAttestation(address steward);
    /// @notice An attestation covers 1 to `max` hours; `hoursWorked` were given.
    error ContributionTokenHoursOutOfRange(uint256 hoursWorked, uint256 max);
    /// @notice A token must belong to a community (not the zero address).
    error ContributionTokenZeroCommunity();
    /// @notice Minting to the zero address or minting zero is not allowed.
    error ContributionTokenInvalidMint(address to, uint256 amount);

    /// @notice Set up a fresh clone. Called once, by the factory.
    /// @param name_ ERC-20 name.
    /// @param symbol_ ERC-20 symbol.
    /// @param community_ The Community contract whose stewards attest hours and whose proposals set minters.
    function initialize(string calldata name_, string calldata symbol_, address community_) external;

    /// @notice As the community, authorise or revoke a minter (a pool or round contract).
    /// @param minter The contract.
    /// @param allowed Whether it may mint.
    function setMinter(address minter, bool allowed) external;

    /// @notice As an authorised minter, mint `amount` to `to`, recording `reason`.
    /// @param to The contributor.
    /// @param amount Token units (18 decimals).
    /// @param reason Why (for instance the pool's deposit id), for the indexer.
    function mint(address to, uint256 amount, bytes32 reason) external;

    /// @notice As a steward, attest `hoursWorked` hours of volunteer work by member `volunteer`; mints one
    /// token per hour.
    /// @param volunteer The member who did the work (not the caller).
    /// @param hoursWorked Whole hours, 1 to `MAX_HOURS_PER_ATTESTATION`.
    /// @param evidenceHash Hash of the off-chain record (what, when, who confirmed).
    /// @return attestationId The attestation's id (ids start at 1).
    function attestHours(address volunteer, uint256 hoursWorked, bytes32 evidenceHash) external returns (uint256 attestationId);

    /// @notice The Community contract this token belongs to.
    function community() external view returns (address);
    /// @notice Whether `account` may mint.
    function isMinter(address account) external view returns (bool);
    /// @notice The number of hours attestations so far (the latest id).
    function attestationCount() external view returns (uint256);
}
