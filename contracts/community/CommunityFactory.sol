// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ICommunity} from "../interfaces/ICommunity.sol";
import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";
import {IContributionToken} from "../interfaces/IContributionToken.sol";

/// @title CommunityFactory
/// @notice Creates a Community and its ContributionToken in one transaction, as EIP-1167 clones of shared
/// implementations, and keeps a registry of what it created.
contract CommunityFactory is ICommunityFactory {
    address private immutable _communityImplementation;
    address private immutable _tokenImplementation;

    address[] private _communities;
    mapping(address account => bool) private _isCommunity;

    /// @param communityImplementation_ A deployed Community (its initializers are disabled).
    /// @param tokenImplementation_ A deployed ContributionToken (its initializers are disabled).
    constructor(address communityImplementation_, address tokenImplementation_) {
        if (communityImplementation_.code.length == 0) revert CommunityFactoryInvalidImplementation(communityImplementation_);
        if (tokenImplementation_.code.length == 0) revert CommunityFactoryInvalidImplementation(tokenImplementation_);
        _communityImplementation = communityImplementation_;
        _tokenImplementation = tokenImplementation_;
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
}
