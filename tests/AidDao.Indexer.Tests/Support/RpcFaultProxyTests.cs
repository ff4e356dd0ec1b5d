using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AidDao.Core.Indexing;
using AidDao.TestUtils;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Xunit;

namespace AidDao.Indexer.Tests.Support;

/// <summary>
/// <see cref="RpcFaultProxy"/> in front of a real Anvil node, seen through Nethereum as the indexer will see it.
/// The node is only read (and mined ahead), so the tests share one devnet.
/// </summary>
public sealed class RpcFaultProxyTests(ChainFixture chain) : IClassFixture<ChainFixture>, IDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMilliseconds(300);

    private readonly List<HttpClient> _clients = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_NoRules_ForwardsBlockNumber()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);

        var head = await Web3Over(proxy).Eth.Blocks.GetBlockNumber.SendRequestAsync();

        var direct = await new Web3(chain.Devnet.RpcUrl.ToString()).Eth.Blocks.GetBlockNumber.SendRequestAsync();
        Assert.Equal(direct.Value, head.Value);
        Assert.Equal("127.0.0.1", proxy.Url.Host);
        Assert.Equal((1, 0), (proxy.Forwarded, proxy.Injected));
    }

    [Fact]
    public async Task FailNext_JsonRpcError_FailsThatMethodCountTimesThenForwards()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext("eth_blockNumber", 2, RpcFault.JsonRpcError(-32000, "header not found"));
        Web3 web3 = Web3Over(proxy);

        for (int attempt = 0; attempt < 2; attempt++)
        {
            var refused = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync());
            Assert.Equal(-32000, refused.RpcError.Code);
            Assert.StartsWith("header not found", refused.RpcError.Message, StringComparison.Ordinal); // Nethereum appends ": eth_blockNumber"
        }

        await web3.Eth.ChainId.SendRequestAsync(); // another method is not affected
        await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(); // the rule is used up
        Assert.Equal((2, 2), (proxy.Forwarded, proxy.Injected));
    }

    [Fact]
    public async Task FailNext_ParamsPredicate_FailsOnlyMatchingParams()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext("eth_getBlockByNumber", 1, RpcFault.JsonRpcError(-32000, "block 0 unavailable"), p => p[0].GetString() == "0x0");
        Web3 web3 = Web3Over(proxy);

        await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        var refused = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(0)));

        Assert.StartsWith("block 0 unavailable", refused.RpcError.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), (proxy.Forwarded, proxy.Injected));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task FailNext_HttpError_ClientSeesTheStatus(int status)
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext(null, 1, RpcFault.HttpError(status, "upstream busy"));

        var failure = await Assert.ThrowsAsync<RpcClientUnknownException>(() => Web3Over(proxy).Eth.Blocks.GetBlockNumber.SendRequestAsync());

        var http = Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.Equal((HttpStatusCode)status, http.StatusCode);
    }

    [Fact]
    public async Task FailNext_Hang_ClientTimesOut()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext("eth_blockNumber", 1, RpcFault.Hang(TimeSpan.FromSeconds(30)));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RpcClientTimeoutException>(() => Web3Over(proxy).Eth.Blocks.GetBlockNumber.SendRequestAsync());

        Assert.InRange(watch.Elapsed, ClientTimeout * 0.8, TimeSpan.FromSeconds(5)); // timers may fire a little early
        Assert.Equal((0, 1), (proxy.Forwarded, proxy.Injected));
    }

    [Fact]
    public async Task FailNext_SlowAnswer_AnswersAfterTheHold()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        TimeSpan hold = TimeSpan.FromMilliseconds(150);
        proxy.FailNext("eth_blockNumber", 1, RpcFault.SlowAnswer(hold));
        var watch = Stopwatch.StartNew();

        await Web3Over(proxy).Eth.Blocks.GetBlockNumber.SendRequestAsync();

        Assert.True(watch.Elapsed >= hold, $"Answered after {watch.Elapsed}, before the {hold} hold.");
        Assert.Equal((1, 1), (proxy.Forwarded, proxy.Injected));
    }

    [Fact]
    public async Task FailNext_ConnectionReset_ClientSeesATransportError()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext(null, 1, RpcFault.ConnectionReset());

        var failure = await Assert.ThrowsAsync<RpcClientUnknownException>(() => Web3Over(proxy).Eth.Blocks.GetBlockNumber.SendRequestAsync());

        var http = Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.Null(http.StatusCode);
    }

    [Fact]
    public async Task NodeDown_FailsEveryRequestUntilCleared()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        Web3 web3 = Web3Over(proxy);
        proxy.NodeDown = true;

        var first = await Assert.ThrowsAsync<RpcClientUnknownException>(() => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync());
        var second = await Assert.ThrowsAsync<RpcClientUnknownException>(() => web3.Eth.ChainId.SendRequestAsync());
        proxy.NodeDown = false;
        await web3.Eth.ChainId.SendRequestAsync();

        Assert.All([first, second], failure => Assert.Equal(HttpStatusCode.BadGateway, Assert.IsType<HttpRequestException>(failure.InnerException).StatusCode));
        Assert.Equal((1, 2), (proxy.Forwarded, proxy.Injected));
    }

    [Fact]
    public async Task RefuseLogRangesAbove_RefusesOnlyRangesLargerThanTheLimit()
    {
        await chain.Devnet.MineAsync(12, Ct);
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.RefuseLogRangesAbove(5, LogRangeRefusal.SuggestingRange(5));
        Web3 web3 = Web3Over(proxy);

        await web3.Eth.Filters.GetLogs.SendRequestAsync(Range(3, 7)); // 5 blocks: passed on
        var refused = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.Filters.GetLogs.SendRequestAsync(Range(3, 8)));

        Assert.Equal(LogRangeRefusal.LimitExceededCode, refused.RpcError.Code);
        Assert.StartsWith("query returned more than 10000 results. Try with this block range [0x3, 0x7].", refused.RpcError.Message, StringComparison.Ordinal);
        Assert.Equal(new RangeHint(3, 7, 5), RangeHint.Parse(refused.RpcError.Message));
        Assert.Equal((1, 1), (proxy.Forwarded, proxy.Injected));
    }

    [Fact]
    public async Task RefuseLogRangesAbove_LatestTag_CountsUpToTheNodesHead()
    {
        await chain.Devnet.MineAsync(12, Ct);
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.RefuseLogRangesAbove(1000, "query exceeds max block range 1000", code: -32602);
        Web3 web3 = Web3Over(proxy);
        long head = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        await web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput { FromBlock = new BlockParameter((ulong)(head - 10)), ToBlock = BlockParameter.CreateLatest() });
        proxy.RefuseLogRangesAbove(10, "query exceeds max block range 10", code: -32602);
        var refused = await Assert.ThrowsAsync<RpcResponseException>(() => web3.Eth.Filters.GetLogs.SendRequestAsync(
            new NewFilterInput { FromBlock = new BlockParameter((ulong)(head - 10)), ToBlock = BlockParameter.CreateLatest() }));

        Assert.Equal(-32602, refused.RpcError.Code);
        Assert.StartsWith("query exceeds max block range 10", refused.RpcError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_RemovesRulesAndLimit()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext(null, 5, RpcFault.HttpError(503));
        proxy.RefuseLogRangesAbove(1, "too many blocks");
        proxy.NodeDown = true;

        proxy.Clear();

        Web3 web3 = Web3Over(proxy);
        await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync();
        await web3.Eth.Filters.GetLogs.SendRequestAsync(Range(0, 1));
        Assert.Equal(0, proxy.Injected);
    }

    [Fact]
    public async Task FailNext_JsonRpcError_AnswersHttp200EchoingTheId()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext("eth_getLogs", 1, RpcFault.JsonRpcError(-32005, "query exceeds max block range 1000"));
        using var http = new HttpClient();
        using var content = new StringContent("""{"jsonrpc":"2.0","id":"abc","method":"eth_getLogs","params":[{}]}""", Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await http.PostAsync(proxy.Url, content, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"jsonrpc":"2.0","id":"abc","error":{"code":-32005,"message":"query exceeds max block range 1000"}}""",
            await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task BatchRequest_IsForwardedUnchanged()
    {
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(chain.Devnet.RpcUrl, Ct);
        proxy.FailNext(null, 1, RpcFault.JsonRpcError(-32000, "single calls only"));
        const string Batch = """[{"jsonrpc":"2.0","id":7,"method":"eth_chainId","params":[]},{"jsonrpc":"2.0","id":8,"method":"net_version","params":[]}]""";
        using var http = new HttpClient();
        using var content = new StringContent(Batch, Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await http.PostAsync(proxy.Url, content, Ct);

        using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var results = answer.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("id").GetInt32(), item.GetProperty("result").GetString()))
            .OrderBy(item => item.Item1)
            .ToArray();
        Assert.Equal([(7, "0x7a69"), (8, "31337")], results);
        Assert.Equal((1, 0), (proxy.Forwarded, proxy.Injected));
    }

    public void Dispose() => _clients.ForEach(client => client.Dispose());

    /// <summary>
    /// A client with a short timeout of its own: Nethereum's ConnectionTimeout is static (shared by every client), and
    /// RpcClient takes over the HttpClient it is given (sets its BaseAddress), so each client gets a new one.
    /// </summary>
    private Web3 Web3Over(RpcFaultProxy proxy)
    {
        var http = new HttpClient { Timeout = ClientTimeout };
        _clients.Add(http);
        return new Web3(new RpcClient(proxy.Url, http));
    }

    private static NewFilterInput Range(long from, long to) =>
        new() { FromBlock = new BlockParameter((ulong)from), ToBlock = new BlockParameter((ulong)to) };
}
