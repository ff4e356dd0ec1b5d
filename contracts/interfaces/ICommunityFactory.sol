// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICommunity} from "./ICommunity.sol";
import {IEmergencyPool} from "./IEmergencyPool.sol";

/// @title ICommunityFactory
/// @notice Creates AidDao communities and their emergency pools from EIP-1167 clones of shared implementations.
interface ICommunityFactory {
    /// @notice A new community (`community` with its token `token`) was created by `creator`.
    event CommunityCreated(uint256 indexed index, address indexed community, address indexed token, address creator, string name);

    /// @notice Steward `creator` created emergency pool `pool` (number `index` of `community`).
    event PoolCreated(address indexed community, address indexed pool, address indexed creator, uint256 index, string name);

    /// @notice An implementation address has no code.
    error CommunityFactoryInvalidImplementation(address implementation);
    /// @notice Token symbols are 1 to 11 bytes.
    error CommunityFactoryInvalidSymbol(string symbol);
    /// @notice Community names are 1 to 64 bytes.
    error CommunityFactoryInvalidName(string name);

    /// @notice `community` was not created by this factory.
    error CommunityFactoryUnknownCommunity(address community);
    /// @notice Only a steward of the community may create its pools; `account` is not one.
    error CommunityFactoryNotSteward(address community, address account);

    /// @notice Create a community and its ContributionToken.
    /// @param setup Name, founding stewards and members, threshold M, admission approvals and K.
    /// @param tokenSymbol The contribution token's symbol (its name is derived from the community's).
    /// @return community The Community clone.
    /// @return token The ContributionToken clone.
    function createCommunity(ICommunity.CommunitySetup calldata setup, string calldata tokenSymbol) external returns (address community, address token);

    /// @notice As a steward of `community`, create an emergency pool for it. The pool starts paused: M stewards accept
    /// its founding rules by approving its `Unpause` change. Deposits of an asset whose mint rate is above zero revert
    /// with `ContributionTokenNotMinter` until the community makes the pool a minter (a SetMinter proposal, M approvals).
    /// @param community A community this factory created.
    /// @param setup The pool's name, rules, assets and limits.
    /// @return pool The EmergencyPool clone.
    function createPool(address community, IEmergencyPool.PoolSetup calldata setup) external returns (address pool);

    /// @notice The Community implementation that clones delegate to.
    function communityImplementation() external view returns (address);
    /// @notice The ContributionToken implementation that clones delegate to.
    function tokenImplementation() external view returns (address);
    /// @notice Whether `account` is a community this factory created.
    function isCommunity(address account) external view returns (bool);
    /// @notice How many communities this factory created.
    function communityCount() external view returns (uint256);
    /// @notice The community created `index`-th (0-based).
    function communityAt(uint256 index) external view returns (address);
    /// @notice The EmergencyPool implementation that pool clones delegate to.
    function poolImplementation() external view returns (address);
    /// @notice Whether `account` is a pool this factory created.
    function isPool(address account) external view returns (bool);
    /// @notice How many pools `community` has.
    function poolCount(address community) external view returns (uint256);
    /// @notice The `index`-th (0-based) pool of `community`.
    function poolAt(address community, uint256 index) external view returns (address);
}
