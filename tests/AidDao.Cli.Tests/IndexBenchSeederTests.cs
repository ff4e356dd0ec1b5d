using AidDao.Cli.Bench;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.TestUtils;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary>
/// The index-benchmark seeder on a small chain (2,000 events over 300 blocks), checked against an independent
/// <c>eth_getLogs</c> read: the count it reports, the block span, events spread over the whole range, every AidDao
/// contract and every kind of activity present, contributions the bulk of it, and automining on again afterwards.
/// </summary>
public sealed class IndexBenchSeederTests(ChainFixture fixture) : ChainTest(fixture)
{
    [Fact]
    public async Task SeedAsync_SmallChain_EmitsTheTargetFromEveryContractAcrossTheBlocks()
    {
        var seeded = await IndexBenchSeeder.SeedAsync(Devnet, targetEvents: 2_000, targetBlocks: 300, progress: null, Ct);

        var web3 = Web3For(0);
        var logs = await web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            FromBlock = new BlockParameter(new HexBigInteger(seeded.FirstBlock)),
            ToBlock = new BlockParameter(new HexBigInteger(seeded.LastBlock)),
            Address = [.. seeded.Contracts.Select(c => c.Value)],
        });
        Assert.Equal(logs.Length, seeded.Events);
        Assert.InRange(seeded.Events, 2_000, 3_000);
        Assert.InRange(seeded.Blocks, 300, 310);
        Assert.Equal((long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value, seeded.LastBlock);
        Assert.Equal(seeded.Deployment.Transactions[0].BlockNumber, seeded.FirstBlock);

        Assert.Equal(8, seeded.Contracts.Count);
        foreach (var contract in seeded.Contracts)
        {
            var emitted = logs.Count(l => string.Equals(l.Address, contract.Value, StringComparison.OrdinalIgnoreCase));
            Assert.True(emitted > 0, $"{contract} emitted no events.");
            Assert.Equal(emitted, seeded.EventsByContract[contract]);
        }

        // Spread: every tenth of the range holds events, and events sit in at least one block in eight.
        for (var tenth = 0; tenth < 10; tenth++)
        {
            var from = seeded.FirstBlock + seeded.Blocks * tenth / 10;
            var to = seeded.FirstBlock + seeded.Blocks * (tenth + 1) / 10;
            Assert.Contains(logs, l => l.BlockNumber.Value >= from && l.BlockNumber.Value < to);
        }
        Assert.True(logs.Select(l => l.BlockNumber.Value).Distinct().Count() >= seeded.Blocks / 8);

        // The mix: contributions are the bulk; every other kind of activity is there.
        Assert.True(Count<ContributedEventDTO>(logs) > seeded.Events / 2, "Contributions should be most of the events.");
        Assert.All(new[]
        {
            Count<CommunityCreatedEventDTO>(logs), Count<PoolCreatedEventDTO>(logs), Count<RoundCreatedEventDTO>(logs),
            Count<MemberAdmittedEventDTO>(logs), Count<HoursAttestedEventDTO>(logs), Count<DepositedEventDTO>(logs),
            Count<AidRequestedEventDTO>(logs), Count<RequestApprovedEventDTO>(logs), Count<AidPaidEventDTO>(logs),
            Count<ProjectAppliedEventDTO>(logs), Count<ProjectReviewedEventDTO>(logs), Count<MatchingFundedEventDTO>(logs),
            Count<VotedEventDTO>(logs), Count<RoundFinalizedEventDTO>(logs), Count<ProjectPaidEventDTO>(logs), Count<TokensClaimedEventDTO>(logs),
        }, count => Assert.True(count > 0));
        Assert.Equal(3, Count<RoundFinalizedEventDTO>(logs));

        Assert.True(await web3.Client.SendRequestAsync<bool>("anvil_getAutomine"));
    }

    [Theory]
    [InlineData(99, 300)]
    [InlineData(2_000, 99)]
    public async Task SeedAsync_TargetBelowAHundred_ThrowsBeforeTouchingTheChain(int events, int blocks)
    {
        var before = await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => IndexBenchSeeder.SeedAsync(Devnet, events, blocks, null, Ct));

        Assert.Equal(before.Value, (await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value);
    }

    private static int Count<TEvent>(FilterLog[] logs) where TEvent : IEventDTO, new()
    {
        var signature = ABITypedRegistry.GetEvent<TEvent>().Sha3Signature;
        return logs.Count(l => l.Topics.Length > 0 && string.Equals(l.Topics[0]?.ToString()?.Replace("0x", "", StringComparison.Ordinal), signature.Replace("0x", "", StringComparison.Ordinal),
            StringComparison.OrdinalIgnoreCase));
    }
}
