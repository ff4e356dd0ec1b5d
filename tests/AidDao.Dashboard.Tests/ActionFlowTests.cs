using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Dashboard.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;

namespace AidDao.Dashboard.Tests;

/// <summary>
/// Members' and stewards' actions in the page, checked on the chain: vouching for a newcomer, reviewing a project
/// application, and a quadratic vote. Each test makes its own round or candidate on the shared demo.
/// </summary>
public sealed class ActionFlowTests(DemoDashboardFixture demo)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task Vouch_MemberForNewcomer_CountsOneVouchOnChain()
    {
        var ct = TestContext.Current.CancellationToken;
        var candidate = EthAddress.FromChain("0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));
        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[3]);
        await tab.ConnectWalletAsync();
        var form = tab.Page.GetByTestId("vouch-form");
        await form.GetByTestId("vouch-candidate").FillAsync(candidate.Value);
        await form.GetByTestId("vouch-submit").ClickAsync();

        await Expect(tab.Page.GetByTestId("tx-status"))
            .ToHaveTextAsync(new Regex($@"^Done in block \d+\. Your vouch for {Regex.Escape(candidate.Abbreviated)} is recorded\.$"));
        // The demo needs two vouches: one counts, the newcomer is not a member yet.
        var community = await CommunityService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[0]), demo.Demo.Community.Address, ct);
        Assert.Equal(1, await community.GetVouchCountAsync(candidate, ct));
        Assert.False(await community.IsMemberAsync(candidate, ct));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Vouch_ForAnExistingMember_ShowsTheContractsReasonInPlainWords()
    {
        var member = EthAddress.FromChain(demo.Devnet.Accounts[4].Address);
        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[3]);
        await tab.ConnectWalletAsync();
        var form = tab.Page.GetByTestId("vouch-form");
        await form.GetByTestId("vouch-candidate").FillAsync(member.Value.ToLowerInvariant());
        await form.GetByTestId("vouch-submit").ClickAsync();

        // CommunityAlreadyMember(account), decoded by POST /api/revert (RevertMessages).
        await Expect(tab.Page.GetByTestId("tx-error")).ToHaveTextAsync($"{member.Value} is already a member of this community.");
        await Expect(tab.Page.GetByTestId("tx-status")).ToBeHiddenAsync();
        Assert.Contains("eth_estimateGas", tab.Wallet!.Calls);
        Assert.DoesNotContain("eth_sendTransaction", tab.Wallet.Calls);
        await Expect(form.GetByTestId("vouch-submit")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task ReviewProject_StewardApprovesInPage_ProjectIsApprovedOnChainAndNamedByItsText()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Name = "Tool library for the allotments";
        const string Text = Name + "\nSaws, drills and a long ladder to lend, kept in the shed behind the community hall.";
        // Applications open for a day: the review happens now, with no clock move.
        var (round, _) = await CreateRoundAsync("Allotment Projects", RoundMode.QuadraticFunding, TimeSpan.FromDays(1), ct);
        var applicant = await FundingRoundService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[6]), round, ct);
        var applied = await applicant.ApplyAsync(EthAddress.FromChain(demo.Devnet.Accounts[6].Address), DetailsHash.Of(Text), ct);
        await demo.WaitForIndexAsync(ct);
        using (var http = demo.Http())
        {
            using var sent = await http.PostAsJsonAsync(new Uri($"api/rounds/{round}/projects/{applied.ProjectId}/text", UriKind.Relative), new { text = Text }, ct);
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[0]);
        await tab.ConnectWalletAsync();
        var card = tab.Page.GetByTestId($"round-{round.Value.ToLowerInvariant()}");
        await Expect(card).ToHaveAttributeAsync("data-phase", "applications");
        var application = card.GetByTestId($"project-application-{applied.ProjectId}");
        await Expect(application).ToContainTextAsync(Name);
        await application.GetByTestId("project-approve").ClickAsync();

        await Expect(tab.Page.GetByTestId("tx-status")).ToHaveTextAsync(new Regex($@"^Done in block \d+\. {Name} is approved\.$"));
        var project = await applicant.GetProjectAsync(applied.ProjectId, ct);
        Assert.Equal(RoundProjectStatus.Approved, project.Status);
        // The page follows the chain: the application leaves the review list and the leaderboard names it by its text.
        await Expect(card.GetByTestId($"project-application-{applied.ProjectId}")).ToHaveCountAsync(0);
        await Expect(card.GetByTestId($"project-row-{applied.ProjectId}").GetByTestId("project-name")).ToHaveTextAsync(Name);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Vote_MemberSpendsNineCreditsInPage_GivesThreeVotesOnChainAndInTheLeaderboard()
    {
        var ct = TestContext.Current.CancellationToken;
        var voter = demo.Devnet.Accounts[4];
        // Ten minutes of applications, then voting: the clock moves only those ten minutes.
        var (round, configuration) = await CreateRoundAsync("Park Bench Vote", RoundMode.QuadraticVoting, TimeSpan.FromMinutes(10), ct);
        var applied = await (await FundingRoundService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[7]), round, ct))
            .ApplyAsync(EthAddress.FromChain(demo.Devnet.Accounts[7].Address), DetailsHash.Of("Benches along the river path"), ct);
        var steward = await FundingRoundService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[1]), round, ct);
        await steward.ReviewAsync(applied.ProjectId, approve: true, ct);
        var now = await demo.Devnet.GetBlockTimeAsync(ct);
        if (configuration.Schedule.VotingStart > now) await demo.Devnet.IncreaseTimeAsync(configuration.Schedule.VotingStart - now, ct);
        await demo.WaitForIndexAsync(ct);

        await using var tab = await DashboardPage.OpenAsync(demo, voter);
        await tab.ConnectWalletAsync();
        var card = tab.Page.GetByTestId($"round-{round.Value.ToLowerInvariant()}");
        await Expect(card).ToHaveAttributeAsync("data-phase", "voting");
        var form = card.GetByTestId("vote-form");
        await form.GetByTestId("vote-project").SelectOptionAsync(applied.ProjectId.ToString(CultureInfo.InvariantCulture));
        await form.GetByTestId("vote-credits").FillAsync("9");
        await form.GetByTestId("vote-submit").ClickAsync();

        await Expect(tab.Page.GetByTestId("tx-status")).ToHaveTextAsync(new Regex(@"^Done in block \d+\. Your 9 credits are counted\.$"));
        var credits = await new RoundContract(demo.Devnet.CreateWeb3(voter), round.Value).CreditsOfQueryAsync(voter.Address);
        Assert.Equal(configuration.CreditsPerMember, credits.Budget);
        Assert.Equal(9, credits.Spent);
        var project = await steward.GetProjectAsync(applied.ProjectId, ct);
        Assert.Equal(9, project.Eligible);
        Assert.Equal(3, project.Roots);
        await Expect(card.GetByTestId($"project-row-{applied.ProjectId}").GetByTestId("project-votes")).ToHaveTextAsync("3");
        Assert.Empty(tab.ConsoleErrors);
    }

    /// <summary>
    /// As steward 0, creates a round in the demo community whose applications open now and stay open for
    /// <paramref name="applications"/>, then voting for two weeks (quadratic voting: 100 credits per member).
    /// </summary>
    private async Task<(EthAddress Round, RoundConfiguration Configuration)> CreateRoundAsync(string name, RoundMode mode, TimeSpan applications, CancellationToken ct)
    {
        var now = await demo.Devnet.GetBlockTimeAsync(ct);
        var configuration = new RoundConfiguration
        {
            Name = name,
            EmergencyPool = demo.Pool.Pool,
            Schedule = RoundSchedule.FromNow(now, applications, TimeSpan.Zero, TimeSpan.FromDays(14), TimeSpan.FromHours(1), TimeSpan.FromDays(30)),
            MinimumContribution = Ether / 1000,
            Mode = mode,
            CreditMode = VoiceCreditMode.Equal,
            CreditsPerMember = mode == RoundMode.QuadraticVoting ? 100 : 0,
        };
        var created = await new RoundFactoryService(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[0]), demo.Demo.Deployment.RoundFactory)
            .CreateRoundAsync(demo.Demo.Community.Address, configuration, ct);
        return (created.Round, configuration);
    }
}
