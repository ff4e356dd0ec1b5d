using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Dashboard.Tests.Support;
using AidDao.Data;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>The JSON API against the demo chain and its live index.</summary>
public sealed class DashboardApiTests(DemoDashboardFixture demo)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task Overview_Demo_ShowsCommunityPoolAndRoundsAsTheChainHasThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        using var http = demo.Http();
        using var overview = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/overview", UriKind.Relative), ct));
        var root = overview.RootElement;

        Assert.Equal(demo.Devnet.ChainId, root.GetProperty("chain").GetProperty("chainId").GetInt64());
        var community = root.GetProperty("community");
        Assert.Equal("Riverside Mutual Aid", community.GetProperty("name").GetString());
        Assert.Equal(3, community.GetProperty("stewards").GetArrayLength());

        // The pool's ETH balance is the chain's.
        var pool = root.GetProperty("pools").EnumerateArray().Single();
        var balance = (await demo.Devnet.RequestAsync("eth_getBalance", [demo.Pool.Pool.Value, "latest"], ct)).GetString()!;
        var eth = pool.GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("asset").GetProperty("symbol").GetString() == "ETH");
        Assert.Equal(BigInteger.Parse("0" + balance[2..], System.Globalization.NumberStyles.HexNumber).ToString(), eth.GetProperty("balance").GetString());
        Assert.Equal("Riverside Emergency Fund", pool.GetProperty("name").GetString());

        // Pending requests come by priority: urgency high to low.
        var urgencies = pool.GetProperty("pending").EnumerateArray().Select(r => r.GetProperty("urgency").GetInt32()).ToList();
        Assert.NotEmpty(urgencies);
        Assert.Equal(urgencies.OrderByDescending(u => u), urgencies);
        var halfApproved = pool.GetProperty("pending").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == (long)demo.Pool.HalfApprovedRequestId);
        Assert.Equal(1, halfApproved.GetProperty("approvals").GetArrayLength());
        Assert.Equal(2, halfApproved.GetProperty("required").GetInt32());
        Assert.True(halfApproved.GetProperty("hasDetails").GetBoolean());
        var paid = pool.GetProperty("decided").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == (long)demo.Pool.PaidRequestId);
        Assert.Equal("paid", paid.GetProperty("state").GetString());
        Assert.StartsWith("0x", paid.GetProperty("payoutTx").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(pool.GetProperty("history").EnumerateArray());

        // The finished round shows its final matches; the open one projects what finalising now would give, as the chain does.
        var rounds = root.GetProperty("rounds").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        var finished = rounds["Riverside Spring Projects"];
        Assert.Equal("finalized", finished.GetProperty("status").GetString());
        foreach (var project in demo.Round.Results.Projects)
        {
            var row = finished.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == (long)project.Id);
            Assert.Equal(project.Match.ToString(), row.GetProperty("match").GetString());
            Assert.True(row.GetProperty("matchFinal").GetBoolean());
        }
        var open = rounds["Riverside Autumn Projects"];
        Assert.Equal("voting", open.GetProperty("phase").GetString());
        var onChain = await (await FundingRoundService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[0]), demo.OpenRound.Round, ct)).GetProjectsAsync(ct);
        foreach (var project in onChain)
        {
            var row = open.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == (long)project.Id);
            Assert.Equal(project.Match.ToString(), row.GetProperty("match").GetString());
            Assert.False(row.GetProperty("matchFinal").GetBoolean());
            Assert.Equal(project.Raised.ToString(), row.GetProperty("raised").GetString());
        }

        // The feed: the newest events, oldest first, each once, in plain words.
        var activity = root.GetProperty("activity").EnumerateArray().ToList();
        Assert.Equal(DashboardSnapshots.RecentEvents, activity.Count);
        var positions = activity.Select(e => (e.GetProperty("block").GetInt64(), e.GetProperty("logIndex").GetInt64())).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(activity.Count, activity.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        // They are the index's newest events of the community's contracts, each said in words (none falls to the fallback "Name at contract").
        var newest = await new SqlReadModel(demo.Database).GetRecentEventsAsync(demo.Devnet.ChainId, DashboardSnapshots.RecentEvents, ct, await demo.CommunityContractsAsync(ct));
        Assert.Equal(newest.Select(e => $"{e.BlockNumber}:{e.LogIndex}"), activity.Select(e => e.GetProperty("id").GetString()));
        Assert.All(activity, e => Assert.DoesNotContain($"{e.GetProperty("name").GetString()} at ", e.GetProperty("summary").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Estimate_Member_MatchesTheChainsEstimate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = demo.Http();
        var member = demo.Devnet.Accounts[3].Address;
        var estimate = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/rounds/{demo.OpenRound.Round}/estimate?project=2&amount=0.1&contributor={member}", UriKind.Relative), ct);
        var expected = await (await FundingRoundService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[3]), demo.OpenRound.Round, ct)).EstimateAsync(2, Ether / 10, null, ct);

        Assert.Equal(expected.EstimatedMatch.ToString(), estimate.GetProperty("estimatedMatch").GetString());
        Assert.Equal(expected.Change.ToString(), estimate.GetProperty("change").GetString());
        Assert.True(estimate.GetProperty("counts").GetBoolean());
        Assert.StartsWith("Your 0.1 ETH to project 2 adds about ", estimate.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("project=2&amount=0.1", "Connect your wallet")]
    [InlineData("project=0&amount=0.1&contributor=0x90F79bf6EB2c4f870365E785982E1f101E93b906", "Give the project's number")]
    [InlineData("project=2&amount=lots&contributor=0x90F79bf6EB2c4f870365E785982E1f101E93b906", "lots")]
    [InlineData("project=9&amount=0.1&contributor=0x90F79bf6EB2c4f870365E785982E1f101E93b906", "There is no project 9 in this round")]
    public async Task Estimate_BadInput_IsRefusedInPlainWords(string query, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = demo.Http();
        using var response = await http.GetAsync(new Uri($"api/rounds/{demo.OpenRound.Round}/estimate?{query}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_CustomErrorData_IsExplainedInPlainWords()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = demo.Http();
        // PoolNotMember(address): the selector and one address word.
        var selector = Convert.ToHexStringLower(Nethereum.Util.Sha3Keccack.Current.CalculateHash(System.Text.Encoding.ASCII.GetBytes("PoolNotMember(address)")))[..8];
        var data = "0x" + selector + new string('0', 24) + "70997970c51812dc3a010c7d01b50e0d17dc79c8";
        using var response = await http.PostAsJsonAsync(new Uri("api/revert", UriKind.Relative), new { data }, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PoolNotMember", body.GetProperty("error").GetString());
        Assert.Contains("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("member", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_NoData_IsRefused()
    {
        using var http = demo.Http();
        using var response = await http.PostAsJsonAsync(new Uri("api/revert", UriKind.Relative), new { data = "" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RequestDetails_OnlyTheHashedTextIsKept_AndOnlyStewardsRead()
    {
        var ct = TestContext.Current.CancellationToken;
        var text = "Boiler broke; two children at home " + Guid.NewGuid().ToString("N")[..6];
        var member = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[3]), demo.Pool.Pool, ct);
        var request = await member.RequestAidAsync(PoolAsset.Eth, Ether / 20, EthAddress.FromChain(demo.Devnet.Accounts[3].Address), 2, DetailsHash.Of(text), ct);
        using var http = demo.Http();
        var path = new Uri($"api/pools/{demo.Pool.Pool}/requests/{request.RequestId}/details", UriKind.Relative);

        using (var early = await http.PostAsJsonAsync(new Uri($"api/pools/{demo.Pool.Pool}/requests/999/details", UriKind.Relative), new { details = text }, ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
            Assert.Contains("not in the index yet", await early.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        await demo.WaitForIndexAsync(ct);
        using (var wrong = await http.PostAsJsonAsync(path, new { details = text + "!" }, ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("do not match the hash recorded on-chain", await wrong.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        Assert.Null(await new RequestDetailsStore(demo.Database).GetAsync(demo.Devnet.ChainId, demo.Pool.Pool, (long)request.RequestId, ct));
        using (var saved = await http.PostAsJsonAsync(path, new { details = text }, ct)) Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        using (var again = await http.PostAsJsonAsync(path, new { details = text }, ct)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using (var anonymous = await http.GetAsync(path, ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.DoesNotContain(text, await anonymous.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        using var steward = await SignInClient.SignInAsync(demo, demo.Devnet.Accounts[0], ct);
        var details = await steward.Http.GetFromJsonAsync<JsonElement>(path, ct);
        Assert.Equal(text, details.GetProperty("details").GetString());
        Assert.Equal("0x" + Convert.ToHexStringLower(DetailsHash.Of(text)), details.GetProperty("detailsHash").GetString());
    }

    [Fact]
    public async Task ProjectText_OnlyTheHashedTextIsKept_AndNamesTheProject()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = demo.Http();
        var round = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/rounds/{demo.OpenRound.Round}", UriKind.Relative), ct);
        foreach (var (id, name) in demo.OpenRound.Projects)
            Assert.Equal(name, round.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == (long)id).GetProperty("name").GetString());

        var (firstId, firstName) = demo.OpenRound.Projects[0];
        var path = new Uri($"api/rounds/{demo.OpenRound.Round}/projects/{firstId}/text", UriKind.Relative);
        using (var again = await http.PostAsJsonAsync(path, new { text = firstName }, ct)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using (var wrong = await http.PostAsJsonAsync(path, new { text = firstName + " (edited)" }, ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("does not match project", await wrong.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        using (var unknown = await http.PostAsJsonAsync(new Uri($"api/rounds/{demo.OpenRound.Round}/projects/99/text", UriKind.Relative), new { text = "Anything" }, ct))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var notARound = await http.PostAsJsonAsync(new Uri($"api/rounds/{demo.Pool.Pool}/projects/1/text", UriKind.Relative), new { text = "Anything" }, ct))
            Assert.Equal(HttpStatusCode.NotFound, notARound.StatusCode);
        var unchanged = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/rounds/{demo.OpenRound.Round}", UriKind.Relative), ct);
        Assert.Equal(firstName, unchanged.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == (long)firstId).GetProperty("name").GetString());
    }
}
