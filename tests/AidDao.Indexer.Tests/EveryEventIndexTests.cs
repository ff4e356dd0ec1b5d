using System.Numerics;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.ReadModel;
using AidDao.Core.Rounds;
using AidDao.Data;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Dapper;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// The acceptance test of the indexer: after <see cref="EveryEventScenario"/>, which emits every AidDao event, the read
/// model equals what the contracts say (balances, request states, matches, members, tokens), and rebuilding the index
/// gives the same rows whatever the range size.
/// </summary>
public sealed partial class EveryEventIndexTests(ChainFixture chain, EveryEventFixture fixture) : ChainTest(chain), IClassFixture<EveryEventFixture>
{
    /// <summary>
    /// Events of the bindings that no AidDao call can emit: the contribution token is soulbound, so <c>approve</c> (and
    /// <c>transferFrom</c>, which spends an allowance) always revert and <c>Approval</c> is never emitted; OpenZeppelin's
    /// EIP-712 base only declares <c>EIP712DomainChanged</c> (ERC-5267) and never emits it, since the domain is fixed.
    /// </summary>
    private static readonly string[] Unemittable = ["Approval", "EIP712DomainChanged"];

    private EveryEventScenario Scenario => fixture.Scenario;

    private SqlReadModel ReadModel => fixture.Index.ReadModel;

    [Fact]
    public async Task Index_EveryEventType_EmitsAndIndexesEveryAidDaoEvent()
    {
        await using var db = await fixture.Index.Database.OpenAsync(Ct);
        var rows = (await db.QueryAsync<(string Name, string Topics)>(new CommandDefinition(
            "SELECT DISTINCT name, topics FROM events WHERE chain_id = @chainId", new { chainId = Devnet.ChainId }, cancellationToken: Ct))).ToList();
        var names = rows.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var topics = rows.Select(r => r.Topics.Split(',')[0].ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

        var catalog = EventCatalog.AidDao.ByTopic.Values.ToList();
        // Withdrawn has two signatures (pool and round): each topic must be there, not just the name.
        Assert.Empty(catalog.Where(e => !Unemittable.Contains(e.Name) && !topics.Contains(e.Topic)).Select(e => e.Signature));
        Assert.Empty(catalog.Select(e => e.Name).Where(n => !Unemittable.Contains(n)).Except(names));
        Assert.Empty(names.Intersect(Unemittable));
        Assert.DoesNotContain("unknown", names);
    }

    [Fact]
    public async Task Index_EveryEventType_ReadModelEqualsContractState()
    {
        await AssertCommunityAsync();
        await AssertPoolAsync();
        await AssertPausedPoolAsync();
        foreach (var round in (EthAddress[])[Scenario.QuadraticFundingRound, Scenario.QuadraticVotingRound, Scenario.CancelledRound])
            await AssertRoundAsync(round);
        await AssertMembersAndTokensAsync();

        var history = await ReadModel.GetMemberHistoryAsync(Devnet.ChainId, Scenario.Community, Scenario.Tracked, Ct);
        Assert.Equal(Scenario.TrackedActivities.Select(Normalized), history.Activities.Select(Normalized));
    }

    [Fact]
    public async Task Index_TwiceFromScratch_GivesIdenticalRows()
    {
        var first = await IndexSnapshot.TakeAsync(fixture.Index.Database, Devnet.ChainId, Ct);

        var second = await IndexRun.FreshSnapshotAsync(fixture.Target, Ct);
        using var narrow = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.InitialSpan = 3;
        options.MaxSpan = 3;
        await IndexRun.ToHeadAsync(fixture.Target, narrow.Store, Ct, options);
        var inSmallRanges = await IndexSnapshot.TakeAsync(narrow.Database, Devnet.ChainId, Ct);

        Assert.True(first.Count > 300, $"The scenario indexed only {first.Count} rows.");
        Assert.Equal(first, second);
        Assert.Equal(first, inSmallRanges);
    }

    private async Task AssertCommunityAsync()
    {
        var web3 = Web3For(0);
        var community = await CommunityService.ConnectAsync(web3, Scenario.Community, Ct);
        var info = await community.GetInfoAsync(Ct);
        var indexed = await ReadModel.GetCommunityAsync(Devnet.ChainId, Scenario.Community, Ct);

        Assert.NotNull(indexed);
        Assert.Equal((info.Name, info.Token, info.Threshold, info.AdmissionApprovals, info.VouchesRequired),
            (indexed.Name, indexed.Token!.Value, indexed.Threshold, indexed.AdmissionApprovals, indexed.VouchesRequired));
        Assert.Equal(info.Stewards.OrderBy(s => s.Value), indexed.Stewards.OrderBy(s => s.Value));
        Assert.Equal(info.MemberCount, indexed.Members.Count);
        foreach (var account in Accounts.Select(a => EthAddress.FromChain(a.Address)))
            Assert.True(await community.IsMemberAsync(account, Ct) == indexed.Members.Contains(account), $"Membership of {account} differs.");
        Assert.Equal(await new CommunityFactoryService(web3, Scenario.Deployment.CommunityFactory).GetPoolsAsync(Scenario.Community, Ct), indexed.Pools);
        Assert.Equal(await new RoundFactoryService(web3, Scenario.Deployment.RoundFactory).GetRoundsAsync(Scenario.Community, Ct), indexed.Rounds);
    }

    private async Task AssertPoolAsync()
    {
        var web3 = Web3For(0);
        var pool = await EmergencyPoolService.ConnectAsync(web3, Scenario.Pool, Ct);
        var status = await pool.GetStatusAsync(cancellationToken: Ct);
        var indexed = await ReadModel.GetPoolAsync(Devnet.ChainId, Scenario.Pool, await NowAsync(), Ct);

        Assert.NotNull(indexed);
        Assert.Equal((await web3.Eth.GetBalance.SendRequestAsync(Scenario.Pool.Value)).Value, indexed.Balances[EthAddress.Zero]);
        Assert.Equal(await new TestTokenService(web3, Scenario.Stablecoin.Value).BalanceOfQueryAsync(Scenario.Pool.Value), indexed.Balances[Scenario.Stablecoin]);
        Assert.Equal(Assert.Single(status.Assets).Deposited, indexed.Deposited[EthAddress.Zero]);
        Assert.Equal(Scenario.Requests.Select(id => (long)id), indexed.Requests.Select(r => r.Id));
        foreach (var request in indexed.Requests)
        {
            var onChain = await pool.GetRequestAsync(request.Id, Ct);
            Assert.Equal((onChain.State, onChain.Amount, onChain.Asset.Address, onChain.Requester, onChain.Recipient, onChain.Approvals, onChain.Rejections),
                (request.State, request.Amount, request.Asset, request.Requester, request.Recipient, request.Approvals.Count, request.Rejections.Count));
        }
        Assert.Equal(Enum.GetValues<AidRequestState>(), indexed.Requests.Select(r => r.State).Distinct().Order());
        Assert.Equal([(long)Scenario.Requests[1]], indexed.Requests.Where(r => r.State == AidRequestState.Paid && !r.Delivered).Select(r => r.Id));
        Assert.Equal(status.Paused, indexed.Paused);
        Assert.NotNull(status.EmergencyEndsAt);
        Assert.Equal(status.EmergencyEndsAt?.ToUnixTimeSeconds(), indexed.EmergencyEndsAt);
    }

    private async Task AssertPausedPoolAsync()
    {
        var status = await (await EmergencyPoolService.ConnectAsync(Web3For(0), Scenario.PausedPool, Ct)).GetStatusAsync(cancellationToken: Ct);
        var indexed = await ReadModel.GetPoolAsync(Devnet.ChainId, Scenario.PausedPool, await NowAsync(), Ct);

        Assert.NotNull(indexed);
        Assert.True(status.Paused);
        Assert.Equal((status.Paused, (long?)null), (indexed.Paused, indexed.EmergencyEndsAt));
    }

    private async Task AssertRoundAsync(EthAddress round)
    {
        var web3 = Web3For(0);
        var service = await FundingRoundService.ConnectAsync(web3, round, Ct);
        var info = await service.GetInfoAsync(Ct);
        var projects = await service.GetProjectsAsync(Ct);
        var indexed = await ReadModel.GetRoundAsync(Devnet.ChainId, round, Ct);

        Assert.NotNull(indexed);
        Assert.Equal((info.Status == RoundStatus.Finalized, info.Status == RoundStatus.Cancelled), (indexed.Finalized, indexed.Cancelled));
        Assert.Equal(info.Configuration.Mode == RoundMode.QuadraticVoting, indexed.QuadraticVoting);
        Assert.Equal((await web3.Eth.GetBalance.SendRequestAsync(round.Value)).Value, indexed.Balance);
        Assert.Equal(info.MatchingPool, indexed.MatchingPool);
        Assert.Equal((info.Outcome?.Matched ?? 0, info.Outcome?.Remainder ?? 0), (indexed.Matched, indexed.Remainder));
        Assert.Equal(projects.Select(p => (long)p.Id), indexed.Projects.Select(p => p.Id));
        foreach (var (onChain, project) in projects.Zip(indexed.Projects))
        {
            Assert.Equal((onChain.Status, onChain.Applicant, onChain.Recipient, onChain.Raised, onChain.Contributors),
                (project.Status, project.Applicant, project.Recipient, project.Raised, project.Contributors));
            Assert.Equal(onChain.Match, project.Match ?? 0);
            Assert.Equal(onChain.Paid ? onChain.Total : 0, project.Paid);
            if (indexed.QuadraticVoting) Assert.Equal(onChain.Roots, project.Votes);
            if (project.PayoutDeferred) Assert.False(onChain.Paid);
        }
        if (round == Scenario.QuadraticFundingRound)
        {
            Assert.Equal([RoundProjectStatus.Pending, RoundProjectStatus.Approved, RoundProjectStatus.Rejected], indexed.Projects.Select(p => p.Status).Distinct().Order());
            Assert.Single(indexed.Projects, p => p.PayoutDeferred);
            Assert.Equal(2, indexed.Projects.Count(p => p.Paid > 0));
        }
    }

    private async Task AssertMembersAndTokensAsync()
    {
        var community = await CommunityService.ConnectAsync(Web3For(0), Scenario.Community, Ct);
        var token = community.ContributionToken;
        var holders = 0;
        foreach (var account in Accounts.Select(a => EthAddress.FromChain(a.Address)))
        {
            var history = await ReadModel.GetMemberHistoryAsync(Devnet.ChainId, Scenario.Community, account, Ct);
            var balance = await token.BalanceOfAsync(account, Ct);
            Assert.True(balance == history.Tokens, $"{account} holds {balance} token units; the index says {history.Tokens}.");
            Assert.Equal((await community.IsMemberAsync(account, Ct), await community.IsStewardAsync(account, Ct)), (history.IsMember, history.IsSteward));
            if (balance > 0) holders++;
        }
        Assert.True(holders >= 4, $"Only {holders} accounts hold contribution tokens: the scenario should mint to donors, volunteers and contributors.");
    }

    private async Task<long> NowAsync() => (await Devnet.GetBlockTimeAsync(Ct)).ToUnixTimeSeconds();

    private static MemberActivity Normalized(MemberActivity activity) => activity with { TransactionHash = activity.TransactionHash.ToLowerInvariant() };
}
