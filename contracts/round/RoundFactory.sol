// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ICommunity} from "../interfaces/ICommunity.sol";
import {ICommunityFactory} from "../interfaces/ICommunityFactory.sol";
import {IEmergencyPool} from "../interfaces/IEmergencyPool.sol";
import {IFundingRound} from "../interfaces/IFundingRound.sol";
import {IRoundFactory} from "../interfaces/IRoundFactory.sol";

/// @title RoundFactory
/// @notice Creates a community's funding rounds as EIP-1167 clones and keeps the list per community.
contract RoundFactory is IRoundFactory {
    ICommunityFactory private immutable _communityFactory;
    address private immutable _roundImplementation;

    mapping(address community => address[]) private _rounds;
    mapping(address round => bool) private _isRound;

    /// @param communityFactory_ The factory whose communities and pools rounds serve.
    /// @param roundImplementation_ The FundingRound implementation to clone.
    constructor(address communityFactory_, address roundImplementation_) {
        if (communityFactory_.code.length == 0) revert RoundFactoryInvalidAddress(communityFactory_);
        if (roundImplementation_.code.length == 0 || IFundingRound(roundImplementation_).factory() != address(this)) {
            revert RoundFactoryInvalidAddress(roundImplementation_);
        }
        _communityFactory = ICommunityFactory(communityFactory_);
        _roundImplementation = roundImplementation_;
    }

    /// @inheritdoc IRoundFactory
    function createRound(address community, IFundingRound.RoundSetup calldata setup) external returns (address round) {
        if (!_communityFactory.isCommunity(community)) revert RoundFactoryUnknownCommunity(community);
        if (!ICommunity(community).isSteward(msg.sender)) revert RoundFactoryNotSteward(community, msg.sender);
        address pool = setup.emergencyPool;
        if (!_communityFactory.isPool(pool) || IEmergencyPool(pool).community() != community) {
            revert RoundFactoryInvalidPool(pool, community);
        }
        (bool allowed,) = IEmergencyPool(pool).assetLimits(setup.asset);
        if (!allowed) revert RoundFactoryAssetNotInPool(pool, setup.asset);
        bytes memory args = abi.encodePacked(
            community, setup.asset, uint96(setup.minimumContribution), uint40(setup.votingStart), uint40(setup.votingEnd), uint8(setup.mode)
        );
        round = Clones.cloneWithImmutableArgs(_roundImplementation, args);
        uint256 index = _rounds[community].length;
        _rounds[community].push(round);
        _isRound[round] = true;
        emit RoundCreated(community, round, msg.sender, index, setup.name);
        IFundingRound(round).initialize(setup, community);
    }

    /// @inheritdoc IRoundFactory
    function communityFactory() external view returns (address) {
        return address(_communityFactory);
    }

    /// @inheritdoc IRoundFactory
    function roundImplementation() external view returns (address) {
        return _roundImplementation;
    }

    /// @inheritdoc IRoundFactory
    function isRound(address account) external view returns (bool) {
        return _isRound[account];
    }

    /// @inheritdoc IRoundFactory
    function roundCount(address community) external view returns (uint256) {
        return _rounds[community].length;
    }

    /// @inheritdoc IRoundFactory
    function roundAt(address community, uint256 index) external view returns (address) {
        return _rounds[community][index];
    }
}
