using AidDao.Cli.Commands;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Demo;
using AidDao.Data;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary><c>aiddao index</c> against the shared local chain.</summary>
public sealed class IndexCommandTests(ChainFixture fixture) : ChainTest(fixture), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aiddao-cli-index-").FullName;

    private string Db => Path.Combine(_folder, "index.db");

    [Fact]
    public async Task Index_DemoCommunity_FindsItsFactoriesAndIndexesPoolAndRound()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        var round = await DemoRound.CreateAsync(Devnet, community, pool, Ct);

        var run = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", community.Community.Address.Value, "--db", Db, "--until-head");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains("Indexing chain 31337 from block", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"Indexed chain 31337 to block \d+: [\d,]+ events in ", run.Out);
        var indexed = await new SqlReadModel(IndexDatabase.FromSetting(Db)).GetCommunityAsync(Devnet.ChainId, community.Community.Address, Ct);
        Assert.NotNull(indexed);
        Assert.Equal([pool.Pool], indexed.Pools);
        Assert.Equal([round.Round], indexed.Rounds);

        var status = await CliRun.InvokeAsync("query", "status", "--db", Db);
        Assert.Matches(@"Events\s+[\d,]+", status.Out);
        var roundResults = await CliRun.InvokeAsync("query", "round", "--round", round.Round.Value, "--db", Db);
        Assert.True(roundResults.ExitCode == ExitCodes.Ok, roundResults.Error);
        Assert.Contains("(finalised, quadratic funding)", roundResults.Out, StringComparison.Ordinal);
        foreach (var project in round.Results.Projects)
            Assert.Contains(project.Recipient.Value, roundResults.Out, StringComparison.Ordinal);
        var poolStatus = await CliRun.InvokeAsync("query", "pool", "--pool", pool.Pool.Value, "--db", Db);
        Assert.Contains("Paid", poolStatus.Out, StringComparison.Ordinal);
        Assert.Contains("Rejected", poolStatus.Out, StringComparison.Ordinal);
        var history = await CliRun.InvokeAsync("query", "history", pool.Donors[0].Value, "--community", community.Community.Address.Value, "--db", Db);
        Assert.Contains("deposit", history.Out, StringComparison.Ordinal);
        var communityInfo = await CliRun.InvokeAsync("query", "community", "--community", community.Community.Address.Value, "--db", Db);
        Assert.Contains(DemoCommunity.Name, communityInfo.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexAndServe_DatabaseFollowsOtherCommunities_RefusedNamingThemUnlessTheSameOnes()
    {
        var first = await DemoCommunity.CreateAsync(Devnet, Ct);
        var steward = EthAddress.FromChain(Accounts[0].Address);
        var second = await new CommunityFactoryService(Web3For(0), first.Deployment.CommunityFactory).CreateCommunityAsync(
            new CommunitySettings { Name = "Second", TokenSymbol = "TWO", Stewards = [steward], Threshold = 1, VouchesRequired = 1 }, Ct);
        var (a, b) = (first.Community.Address.Value, second.Community.Value);
        var ok = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", a, "--community", b, "--db", Db, "--until-head");
        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.Error);
        var follows = $"already follows chain {Devnet.ChainId} for communities {string.Join(", ", new[] { first.Community.Address, second.Community }.OrderBy(c => c.Value.ToLowerInvariant(), StringComparer.Ordinal))}";

        // Fewer communities: the index's lease and cursor would serve only these, the others' events left out.
        var fewer = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", a, "--db", Db, "--until-head");
        // serve follows one community: refused before it starts, instead of sharing the lease and looking healthy.
        var serve = await CliRun.InvokeAsync("serve", "--rpc", Devnet.RpcUrl.ToString(), "--community", b, "--db", Db, "--dashboard-url", "http://127.0.0.1:0")
            .WaitAsync(TimeSpan.FromMinutes(1), Ct);
        var same = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", b, "--community", a, "--db", Db, "--until-head");

        foreach (var (run, wanted) in new[] { (fewer, a), (serve, b) })
        {
            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
            Assert.Contains(follows, line, StringComparison.Ordinal);
            Assert.EndsWith($"not {wanted}: use another database (--db) for these communities, or list the same communities it follows.", line, StringComparison.Ordinal);
        }
        Assert.True(same.ExitCode == ExitCodes.Ok, same.Error);
    }

    [Fact]
    public async Task Query_NoIndexThere_SaysHowToBuildOne()
    {
        var run = await CliRun.InvokeAsync("query", "status", "--db", Db);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("There is no index at", run.ErrorLine, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Query_PostgresServerDown_SaysWhatToCheckWithoutThePassword()
    {
        var run = await CliRun.InvokeAsync("query", "status", "--db", "Host=127.0.0.1;Port=1;Username=aiddao;Password=hunter2;Database=aid;Timeout=2");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.StartsWith("error: Cannot open the index database PostgreSQL 127.0.0.1:1/aid (", run.ErrorLine, StringComparison.Ordinal);
        Assert.EndsWith("): check that the PostgreSQL server runs and that --db (or $AIDDAO_DB) names it, its database and a user allowed in.", run.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_NoDbOption_TakesTheIndexFromAiddaoDb()
    {
        // A PostgreSQL connection string with a password is better kept out of the process list: $AIDDAO_DB holds it.
        Environment.SetEnvironmentVariable(IndexCommand.DatabaseVariable, Db);
        try
        {
            var run = await CliRun.InvokeAsync("query", "status");

            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            Assert.Equal($"error: There is no index at {Db}: build one with 'aiddao index --community ADDRESS --db {Db}'.", run.ErrorLine);
        }
        finally
        {
            Environment.SetEnvironmentVariable(IndexCommand.DatabaseVariable, null);
        }
    }

    [Fact]
    public async Task Query_AddressNotIndexed_SaysSo()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", community.Community.Address.Value, "--db", Db, "--until-head");

        var run = await CliRun.InvokeAsync("query", "round", "--round", Accounts[8].Address, "--db", Db);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"The index knows no round {Accounts[8].Address}", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_AddressNoFactoryCreated_SaysSoInOneLine()
    {
        var run = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", Accounts[7].Address, "--db", Db, "--until-head");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"error: No AidDao factory created community {Accounts[7].Address}", run.ErrorLine, StringComparison.Ordinal);
        Assert.False(File.Exists(Db) && new FileInfo(Db).Length > 0 && run.Out.Length > 0);
    }

    [Fact]
    public async Task Index_BadDatabaseSetting_SaysWhatToGive()
    {
        var run = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", Accounts[7].Address, "--db", "Host=x;Bogus Option=1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("The index database setting is not valid", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_WrongChainId_Refused()
    {
        var run = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--chain-id", "1", "--community", Accounts[7].Address, "--db", Db);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("is on chain 31337, not chain 1", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_NegativeConfirmations_Refused()
    {
        var run = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", Accounts[7].Address, "--db", Db, "--confirmations", "-1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--confirmations must be 0 or more", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_NoCommunity_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString());

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--community", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_IndexOfAReplacedChain_StopsWithRebuildAdvice()
    {
        var beforeDemo = await Devnet.SnapshotAsync(Ct);
        var first = await DemoCommunity.CreateAsync(Devnet, Ct);
        var ok = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", first.Community.Address.Value, "--db", Db, "--until-head");
        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.Error);
        await Devnet.RevertAsync(beforeDemo, Ct);
        await Devnet.MineAsync(3, Ct);
        var second = await DemoCommunity.CreateAsync(Devnet, Ct);

        var run = await CliRun.InvokeAsync("index", "--rpc", Devnet.RpcUrl.ToString(), "--community", second.Community.Address.Value, "--db", Db, "--until-head");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("rebuild it into a fresh database", run.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
