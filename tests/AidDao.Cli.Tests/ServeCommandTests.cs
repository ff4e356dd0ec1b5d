using System.Diagnostics;
using System.Text.Json;
using AidDao.Cli.Commands;
using AidDao.Core.Demo;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary><c>aiddao serve</c>: a community's dashboard with its indexer, against the shared local chain.</summary>
public sealed class ServeCommandTests(ChainFixture fixture) : ChainTest(fixture), IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("aiddao-cli-serve-").FullName;

    private string Db => Path.Combine(_folder, "index.db");

    [Fact]
    public async Task Serve_Community_ShowsItLiveUntilCtrlC()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        using var serve = await ServeProcess.StartAsync(["--rpc", Devnet.RpcUrl.ToString(), "--community", community.Community.Address.Value, "--db", Db,
            "--dashboard-url", "http://127.0.0.1:0", "--explorer-tx-url", "https://explorer.example/tx/{tx}"], Patience, Ct);
        var url = serve.Url;
        Assert.Equal("127.0.0.1", url.Host);
        Assert.Contains(serve.Output, l => l.StartsWith("Hangfire ", StringComparison.Ordinal) && l.Contains("local requests only", StringComparison.Ordinal));

        // The indexer job follows the community; the page's data arrives once it has caught up.
        using var http = new HttpClient { BaseAddress = url };
        JsonElement overview;
        var deadline = DateTime.UtcNow + Patience;
        do
        {
            overview = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/overview", UriKind.Relative), Ct)).RootElement;
            if (overview.GetProperty("pools").GetArrayLength() > 0) break;
            await Task.Delay(200, Ct);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(DemoCommunity.Name, overview.GetProperty("community").GetProperty("name").GetString());
        Assert.Equal(pool.Pool.Value, overview.GetProperty("pools")[0].GetProperty("address").GetString());
        Assert.Equal("https://explorer.example/tx/{tx}", overview.GetProperty("chain").GetProperty("explorerTxUrl").GetString());

        await serve.InterruptAsync(Ct);
        await serve.WaitForExitAsync(Patience, Ct);
        Assert.Equal(0, serve.ExitCode);
    }

    [Theory]
    [InlineData("--explorer-tx-url", "https://etherscan.io/tx/", "--explorer-tx-url must be an http(s) URL with {tx}")]
    [InlineData("--dashboard-url", "127.0.0.1:5080", "--dashboard-url must be an absolute http(s) URL")]
    [InlineData("--public-rpc-url", "ftp://node", "--public-rpc-url must be an absolute http(s) URL")]
    [InlineData("--log-format", "xml", "--log-format must be text or json; got 'xml'.")]
    [InlineData("--instance-name", "two words", "--instance-name must be 1 to 64 letters, digits")]
    [InlineData("--redis", "", "--redis is empty: give the Redis server as host:port")]
    [InlineData("--indexer-watchdog", "7s", "--indexer-watchdog: The watchdog interval must be 5, 6, 10, 12, 15, 20 or 30 seconds")]
    [InlineData("--indexer-watchdog", "soon", "'soon' is not a duration for --indexer-watchdog")]
    public async Task Serve_BadOption_RefusedInOneLine(string option, string value, string expected)
    {
        var run = await CliRun.InvokeAsync("serve", "--rpc", Devnet.RpcUrl.ToString(), "--community", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "--db", Db, option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "a refused command created the index");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temporary directory.
        }
    }
}
