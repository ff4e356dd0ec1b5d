using AidDao.Core.Chain;
using AidDao.TestUtils;
using Nethereum.JsonRpc.Client;
using Xunit;

namespace AidDao.Core.Tests.Chain;

/// <summary><see cref="FallbackRpcClient"/> against a real Anvil: dead and failing URLs are skipped, JSON-RPC errors are not.</summary>
public sealed class FallbackRpcClientTests(ChainFixture fixture) : IClassFixture<ChainFixture>
{
    /// <summary>Nothing listens on port 1 of this computer: connections are refused at once.</summary>
    private static readonly Uri Dead = new("http://127.0.0.1:1/");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Uri Node => fixture.Devnet.RpcUrl;

    [Fact]
    public async Task SendRequest_FirstUrlRefusesConnections_AnswersFromTheSecondAndStaysThere()
    {
        using var client = new FallbackRpcClient([Dead, Node]);
        var web3 = new Nethereum.Web3.Web3(client);

        var chainId = await web3.Eth.ChainId.SendRequestAsync();
        var block = await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync();

        Assert.Equal(fixture.Devnet.ChainId, (long)chainId.Value);
        Assert.True(block.Value >= 0);
        Assert.Equal(Node, client.CurrentUrl);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task SendRequest_FirstUrlAnswersHttpError_FallsBack(int status)
    {
        await using var failing = await RpcFaultProxy.StartAsync(Node, Ct);
        failing.FailNext("eth_chainId", 1, RpcFault.HttpError(status, "busy"));
        using var client = new FallbackRpcClient([failing.Url, Node]);

        var chainId = await new Nethereum.Web3.Web3(client).Eth.ChainId.SendRequestAsync();

        Assert.Equal(fixture.Devnet.ChainId, (long)chainId.Value);
        Assert.Equal((1, 0), (failing.Injected, failing.Forwarded));
        Assert.Equal(Node, client.CurrentUrl);
    }

    [Fact]
    public async Task SendRequest_JsonRpcError_IsTheAnswerAndNotRetried()
    {
        await using var first = await RpcFaultProxy.StartAsync(Node, Ct);
        await using var second = await RpcFaultProxy.StartAsync(Node, Ct);
        first.FailNext("eth_chainId", 1, RpcFault.JsonRpcError(3, "execution reverted"));
        using var client = new FallbackRpcClient([first.Url, second.Url]);

        var error = await Assert.ThrowsAsync<RpcResponseException>(() => new Nethereum.Web3.Web3(client).Eth.ChainId.SendRequestAsync());

        Assert.Contains("execution reverted", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, second.Forwarded);
        Assert.Equal(first.Url, client.CurrentUrl);
    }

    [Fact]
    public async Task SendRequest_EveryUrlDead_NamesEachRedactedUrlAndWhy()
    {
        using var client = new FallbackRpcClient([Dead, new Uri("http://127.0.0.1:2/v2/SECRETKEY123")]);

        var error = await Assert.ThrowsAsync<ChainUnavailableException>(() => new Nethereum.Web3.Web3(client).Eth.ChainId.SendRequestAsync());

        Assert.Equal("No RPC URL answered eth_chainId: http://127.0.0.1:1/ (Connection refused); http://127.0.0.1:2/… (Connection refused).", error.Message);
    }

    [Fact]
    public async Task ExpectChainId_NextUrlAnswersAnotherChain_SkipsIt()
    {
        await using var first = await RpcFaultProxy.StartAsync(Node, Ct);
        await using var other = await RpcFaultProxy.StartAsync(Node, Ct);
        using var client = new FallbackRpcClient([first.Url, other.Url]);
        var web3 = new Nethereum.Web3.Web3(client);
        await web3.Eth.ChainId.SendRequestAsync();
        client.ExpectChainId(fixture.Devnet.ChainId + 1);
        first.NodeDown = true;

        var error = await Assert.ThrowsAsync<ChainUnavailableException>(() => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync());

        Assert.Contains($"{Redaction.Url(other.Url)} (it is on chain {fixture.Devnet.ChainId}, not {fixture.Devnet.ChainId + 1})", error.Message, StringComparison.Ordinal);
        Assert.Contains("(HTTP 502)", error.Message, StringComparison.Ordinal);
    }
}
