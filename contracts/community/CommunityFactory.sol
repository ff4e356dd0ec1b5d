// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ICommunity} from "../interfaces/ICommunity.sol";
import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";
import {IEmergencyPool} from "../interfaces/IEmergencyPool.sol";

/// @title CommunityFactory
/// @notice Creates a Community and its ContributionToken in one transaction, and emergency pools for communities it
/// created, as EIP-1167 clones of shared implementations; keeps a registry of what it created.
contract CommunityFactory is ICommunityFactory {
    address private immutable _communityImplementation;
    address private immutable _tokenImplementation;
    address private immutable _poolImplementation;

    address[] private _communities;
    mapping(address account => bool) private _isCommunity;
    mapping(address community => address[]) private _pools;
    mapping(address account => bool) private _isPool;

    /// @param communityImplementation_ A deployed Community (its initializers are disabled).
    /// @param tokenImplementation_ A deployed ContributionToken (its initializers are disabled).
    /// @param poolImplementation_ A deployed EmergencyPool (its initializers are disabled).
    constructor(address communityImplementation_, address tokenImplementation_, address poolImplementation_) {
        if (communityImplementation_.code.length == 0) revert CommunityFactoryInvalidImplementation(communityImplementation_);
        if (tokenImplementation_.code.length == 0) revert CommunityFactoryInvalidImplementation(tokenImplementation_);
        if (poolImplementation_.code.length == 0) revert CommunityFactoryInvalidImplementation(poolImplementation_);
        _communityImplementation = communityImplementation_;
        _tokenImplementation = tokenImplementation_;
        _poolImplementation = poolImplementation_;
    }

    /// @inheritdoc ICommunityFactory
    function createCommunity(ICommunity.CommunitySetup calldata setup, string calldata tokenSymbol)
        external
        returns (address community, address token)
    {
        uint256 nameLength = bytes(setup.name).length;
        if (nameLength == 0 || nameLength > 64) revert CommunityFactoryInvalidName(setup.name);
        uint256 symbolLength = bytes(tokenSymbol).length;
        if (symbolLength == 0 || symbolLength > 11) revert CommunityFactoryInvalidSymbol(tokenSymbol);

        community = Clones.clone(_communityImplementation);
        token = Clones.clone(_tokenImplementation);
        uint256 index = _communities.length;
        _communities.push(community);
        _isCommunity[community] = true;
        emit CommunityCreated(index, community, token, msg.sender, setup.name);

        IContributionToken(token).initialize(string.concat(setup.name, " Contribution"), tokenSymbol, community);
        ICommunity(community).initialize(setup, token);
    }

    /// @inheritdoc ICommunityFactory
    function createPool(address community, IEmergencyPool.PoolSetup calldata setup) external returns (address pool) {
        if (!_isCommunity[community]) revert CommunityFactoryUnknownCommunity(community);
        if (!ICommunity(community).isSteward(msg.sender)) revert CommunityFactoryNotSteward(community, msg.sender);
        pool = Clones.clone(_poolImplementation);
        uint256 index = _pools[community].length;
        _pools[community].push(pool);
        _isPool[pool] = true;
        emit PoolCreated(community, pool, msg.sender, index, setup.name);
        IEmergencyPool(pool).initialize(setup, community);
    }

    /// @inheritdoc ICommunityFactory
    function communityImplementation() external view returns (address) {
        return _communityImplementation;
    }

    /// @inheritdoc ICommunityFactory
    function tokenImplementation() external view returns (address) {
        return _tokenImplementation;
    }

    /// @inheritdoc ICommunityFactory
    function isCommunity(address account) external view returns (bool) {
        return _isCommunity[account];
    }

    /// @inheritdoc ICommunityFactory
    function communityCount() external view returns (uint256) {
        return _communities.length;
    }

    /// @inheritdoc ICommunityFactory
    function communityAt(uint256 index) external view returns (address) {
        return _communities[index];
    }

    /// @inheritdoc ICommunityFactory
    function poolImplementation() external view returns (address) {
        return _poolImplementation;
    }

    /// @inheritdoc ICommunityFactory
    function isPool(address account) external view returns (bool) {
        return _isPool[account];
    }

    /// @inheritdoc ICommunityFactory
    function poolCount(address community) external view returns (uint256) {
        return _pools[community].length;
    }

    /// @inheritdoc ICommunityFactory
    function poolAt(address community, uint256 index) external view returns (address) {
        return _pools[community][index];
    }
}
