using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AidDao.Dashboard.Tests.Support;
using AidDao.Data;
using AidDao.Indexer;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>The web host: addresses, refusals, headers, Hangfire.</summary>
public sealed class HostTests(DemoDashboardFixture demo)
{
    [Fact]
    public async Task Start_PortTaken_SaysSoAndHowToChooseAnother()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var options = new DashboardOptions { ChainId = demo.Devnet.ChainId, RpcUrl = demo.Devnet.RpcUrl, Community = demo.Demo.Community.Address, Urls = [$"http://127.0.0.1:{port}"] };

        var refused = await Assert.ThrowsAsync<DashboardAddressInUseException>(() =>
            DashboardHost.StartAsync(options, demo.Database, new IndexChangeBroadcaster(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"cannot listen on http://127.0.0.1:{port}: another program uses that port", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--dashboard-url", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/pools/0xnotanaddress", HttpStatusCode.BadRequest, "The pool address is not valid")]
    [InlineData("api/pools/0x70997970C51812dc3A010C7d01b50e0d17dc79C8", HttpStatusCode.NotFound, "The index knows no pool")]
    [InlineData("api/rounds/0x70997970C51812dc3A010C7d01b50e0d17dc79C8", HttpStatusCode.NotFound, "The index knows no round")]
    [InlineData("api/members/nobody", HttpStatusCode.BadRequest, "The account address is not valid")]
    public async Task Api_BadOrUnknownAddress_RefusedInPlainWords(string path, HttpStatusCode status, string expected)
    {
        using var http = demo.Http();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsServedWithAStrictContentSecurityPolicy()
    {
        using var http = demo.Http();
        using var response = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("app.js", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_LocalRequest_ShowsTheIndexerJob()
    {
        using var http = demo.Http();
        var recurring = await http.GetStringAsync(new Uri("hangfire/recurring", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains(IndexerJob.RecurringId(demo.Devnet.ChainId), recurring, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_History_ComesFromTheIndex()
    {
        using var http = demo.Http();
        var member = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/members/{demo.Pool.Donors[0]}", UriKind.Relative), TestContext.Current.CancellationToken);
        var expected = await new SqlReadModel(demo.Database).GetMemberHistoryAsync(demo.Devnet.ChainId, demo.Demo.Community.Address, demo.Pool.Donors[0], TestContext.Current.CancellationToken);

        Assert.Equal(expected.Activities.Count, member.GetProperty("activity").GetArrayLength());
        Assert.Contains(member.GetProperty("activity").EnumerateArray(), a => a.GetProperty("kind").GetString() == "deposit");
    }
}
