using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AidDao.Core.Chain;
using AidDao.TestUtils;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3.Accounts;
using Xunit;

namespace AidDao.Core.Tests.Chain;

/// <summary>
/// <see cref="FallbackRpcClient"/> against a real Anvil: dead, failing and silent URLs are skipped, JSON-RPC errors are
/// not, and a transaction re-sent after a failover is not refused for being known.
/// </summary>
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

    [Fact]
    public async Task SendRequest_FirstUrlAcceptsButNeverAnswers_MovesOnAfterTheRequestTimeout()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();  // The backlog takes connections; nothing ever reads or answers them.
        try
        {
            var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
            using var client = new FallbackRpcClient([url, Node], requestTimeout: TimeSpan.FromMilliseconds(500));
            var clock = Stopwatch.StartNew();

            var chainId = await new Nethereum.Web3.Web3(client).Eth.ChainId.SendRequestAsync();

            Assert.Equal(fixture.Devnet.ChainId, (long)chainId.Value);
            Assert.Equal(Node, client.CurrentUrl);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task SendRawTransaction_FirstUrlTookItButAnswered503_NextUrlsNonceTooLowIsTheHash()
    {
        var (raw, _) = await SignTransferAsync(1);
        var hash = await new Nethereum.Web3.Web3(Node.ToString()).Eth.Transactions.SendRawTransaction.SendRequestAsync(raw);  // It reached the node...
        await using var failing = await RpcFaultProxy.StartAsync(Node, Ct);
        failing.FailNext("eth_sendRawTransaction", 1, RpcFault.HttpError(503, "upstream timed out"));  // ...but the answer was lost.
        using var client = new FallbackRpcClient([failing.Url, Node]);

        var answered = await new Nethereum.Web3.Web3(client).Eth.Transactions.SendRawTransaction.SendRequestAsync(raw);

        Assert.Equal(hash, answered);
        Assert.Equal(Node, client.CurrentUrl);
    }

    [Fact]
    public async Task SendRawTransaction_NonceTakenByAnotherTransaction_RefusalStands()
    {
        var (mined, nonce) = await SignTransferAsync(1);
        var (other, _) = await SignTransferAsync(2, nonce);
        await new Nethereum.Web3.Web3(Node.ToString()).Eth.Transactions.SendRawTransaction.SendRequestAsync(mined);
        await using var failing = await RpcFaultProxy.StartAsync(Node, Ct);
        failing.FailNext("eth_sendRawTransaction", 1, RpcFault.HttpError(503, "upstream timed out"));
        using var client = new FallbackRpcClient([failing.Url, Node]);

        var error = await Assert.ThrowsAsync<RpcResponseException>(() => new Nethereum.Web3.Web3(client).Eth.Transactions.SendRawTransaction.SendRequestAsync(other));

        Assert.Contains("nonce too low", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A transfer of <paramref name="wei"/> from dev account 1, signed (at the next nonce unless given) and not sent.</summary>
    private async Task<(string Raw, HexBigInteger Nonce)> SignTransferAsync(long wei, HexBigInteger? nonce = null)
    {
        var from = fixture.Devnet.Accounts[1];
        var web3 = new Nethereum.Web3.Web3(new Account(from.PrivateKey, fixture.Devnet.ChainId), Node.ToString());
        nonce ??= await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(from.Address, BlockParameter.CreatePending());
        var raw = await web3.TransactionManager.SignTransactionAsync(new TransactionInput
        {
            From = from.Address,
            To = fixture.Devnet.Accounts[2].Address,
            Value = new HexBigInteger(wei),
            Gas = new HexBigInteger(21_000),
            Nonce = nonce,
        });
        return (raw, nonce);
    }
}
