// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFundingRound} from "./IFundingRound.sol";

/// @title IRoundFactory
/// @notice Creates funding rounds (EIP-1167 clones of one FundingRound implementation) for communities made by the
/// community factory, and lists them.
interface IRoundFactory {
    /// @notice A steward created a round.
    event RoundCreated(address indexed community, address indexed round, address indexed creator, uint256 index, string name);

    /// @notice The community factory address is not a contract, or the implementation is not a contract deployed for
    /// this factory (FundingRound's constructor names its factory).
    error RoundFactoryInvalidAddress(address account);
    /// @notice The community was not created by the community factory.
    error RoundFactoryUnknownCommunity(address community);
    /// @notice Only a steward of the community can create its rounds.
    error RoundFactoryNotSteward(address community, address account);
    /// @notice The emergency pool is not a pool of this community.
    error RoundFactoryInvalidPool(address pool, address community);
    /// @notice The emergency pool does not take the round's asset, so unclaimed funds could not return to it.
    error RoundFactoryAssetNotInPool(address pool, address asset);

    /// @notice Creates and sets up a round for `community`. Only a current steward of it.
    /// @param community The community (made by the community factory).
    /// @param setup The round's configuration; its emergency pool must be the community's and take its asset.
    /// @return round The new round.
    function createRound(address community, IFundingRound.RoundSetup calldata setup) external returns (address round);

    /// @notice The community factory whose communities and pools are trusted.
    function communityFactory() external view returns (address);
    /// @notice The FundingRound implementation every round clones.
    function roundImplementation() external view returns (address);
    /// @notice Whether `account` is a round this factory created.
    function isRound(address account) external view returns (bool);
    /// @notice How many rounds `community` has.
    function roundCount(address community) external view returns (uint256);
    /// @notice The community's round at `index` (0-based, in creation order).
    function roundAt(address community, uint256 index) external view returns (address);
}
