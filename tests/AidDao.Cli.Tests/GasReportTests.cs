using System.Reflection;
using AidDao.Cli.Bench;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary>The gas report covers every state-changing function and has the agreed table shape.</summary>
public sealed class GasReportTests(ChainFixture fixture) : ChainTest(fixture)
{
    private const string ReceiptSuffix = "RequestAndWaitForReceiptAsync";

    public static TheoryData<Type, string> Contracts => new()
    {
        { typeof(AidDao.Contracts.Community.CommunityService), "Community" },
        { typeof(AidDao.Contracts.ContributionToken.ContributionTokenService), "ContributionToken" },
        { typeof(AidDao.Contracts.CommunityFactory.CommunityFactoryService), "CommunityFactory" },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public async Task Run_EveryStateChangingFunction_HasARow(Type binding, string contract)
    {
        var rows = await GasBenchmark.RunAsync(Devnet, Ct);

        var functions = binding.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.EndsWith(ReceiptSuffix, StringComparison.Ordinal))
            .Select(m => char.ToLowerInvariant(m.Name[0]) + m.Name[1..^ReceiptSuffix.Length])
            .ToHashSet();
        Assert.NotEmpty(functions);
        var reported = rows.Where(r => r.Contract == contract).Select(r => r.Operation).ToHashSet();
        Assert.Empty(functions.Except(reported));
        Assert.Contains("deploy", reported);
    }

    [Fact]
    public async Task Run_CreateCommunity_IsMeasuredBesideTheCloneFloorAndCheaperThanFullDeployment()
    {
        var rows = await GasBenchmark.RunAsync(Devnet, Ct);

        var creates = rows.Where(r => r.Operation == "createCommunity").ToList();
        var measured = creates.Where(r => r.Floor != "-").ToList();
        Assert.Equal(3, measured.Count);
        var comparison = Number(creates.Single(r => r.Case.StartsWith("(comparison)", StringComparison.Ordinal)).Gas);
        Assert.All(measured, r => Assert.True(Number(r.Gas) > Number(r.Floor), $"{r.Case}: gas {r.Gas} not above floor {r.Floor}"));
        Assert.True(Number(measured[0].Gas) < comparison, "creating a community from clones must cost less than deploying both contracts");
    }

    [Fact]
    public async Task ToMarkdown_Table_HasTheAgreedColumnsAndNumericGas()
    {
        var rows = await GasBenchmark.RunAsync(Devnet, Ct);

        var markdown = GasReport.ToMarkdown(rows);

        Assert.Contains("| Contract | Operation | Case | Gas | Floor |", markdown, StringComparison.Ordinal);
        var tableRows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(rows.Count, tableRows.Count);
        Assert.All(rows.Where(r => char.IsDigit(r.Gas[0])), r => Assert.True(Number(r.Gas) > 21_000));
    }

    [Fact]
    public async Task CommittedReport_MatchesAFreshRunOnAFreshChain()
    {
        // Gas on a fresh chain is deterministic, so docs/gas.md must be regenerated whenever the contracts change.
        await using var fresh = await AidDao.Core.Chain.Devnet.StartAsync(cancellationToken: Ct);
        var rows = await GasBenchmark.RunAsync(fresh, Ct);

        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "gas.md"), Ct);

        Assert.True(GasReport.ToMarkdown(rows) == committed.ReplaceLineEndings("\n"),
            "docs/gas.md is stale: run `dotnet run --project src/AidDao.Cli -- bench gas` and commit it.");
    }

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
