using System.Net;
using System.Numerics;
using AidDao.Core.Chain;
using AidDao.TestUtils;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Xunit;

namespace AidDao.Indexer.Tests.Support;

/// <summary><see cref="RestartableNode"/>: a stopped and restarted Anvil serves the same chain, old logs included.</summary>
public sealed class RestartableNodeTests
{
    /// <summary>The topic the <see cref="LogEmitterInitCode"/> contract logs on every call.</summary>
    private const string Topic = "0x1111111111111111111111111111111111111111111111111111111111111111";

    /// <summary>
    /// Creation code of a 43-byte contract that, on every call, stores the block number in slot 0 and emits a LOG1 with
    /// <see cref="Topic"/>: runtime <c>NUMBER PUSH1 0 SSTORE PUSH32 topic PUSH1 0 PUSH1 0 LOG1 STOP</c>, preceded by
    /// <c>PUSH1 0x2b PUSH1 0x0c PUSH1 0 CODECOPY PUSH1 0x2b PUSH1 0 RETURN</c>.
    /// </summary>
    private const string LogEmitterInitCode = "0x602b600c600039602b6000f3" + "436000557f" + "1111111111111111111111111111111111111111111111111111111111111111" + "60006000a100";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAgainAsync_AfterStop_KeepsBlocksLogsNoncesCodeAndStorage()
    {
        await using RestartableNode node = await RestartableNode.StartAsync(cancellationToken: Ct);
        DevAccount account = node.Devnet.Accounts[0];
        Web3 web3 = node.Devnet.CreateWeb3(account);
        string contract = (await SendAsync(web3, account, to: null, LogEmitterInitCode)).ContractAddress;
        TransactionReceipt firstCall = await SendAsync(web3, account, contract);
        await SendAsync(web3, account, contract);
        await node.Devnet.MineAsync(3, Ct);
        await SendAsync(web3, account, contract);
        ChainView before = await ChainView.ReadAsync(web3, account.Address, contract, firstCall);
        Uri oldUrl = node.Devnet.RpcUrl;

        await node.StopAsync(Ct);
        Assert.Throws<InvalidOperationException>(() => node.Devnet);
        Devnet restarted = await node.StartAgainAsync(Ct);

        Assert.NotEqual(oldUrl, restarted.RpcUrl);
        Web3 again = restarted.CreateWeb3(account);
        ChainView after = await ChainView.ReadAsync(again, account.Address, contract, firstCall);
        Assert.Equal(before, after);
        Assert.Equal(3, after.Logs.Count);

        TransactionReceipt next = await SendAsync(again, account, contract);
        Block newBlock = await again.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(next.BlockNumber);
        Assert.Equal(before.Head + 1, (long)next.BlockNumber.Value);
        Assert.Equal(before.BlockHashes[^1], newBlock.ParentHash);
        FilterLog[] all = await again.Eth.Filters.GetLogs.SendRequestAsync(LogFilter(0, before.Head + 1));
        Assert.Equal(4, all.Length);
    }

    [Fact]
    public async Task StartAgainAsync_ChainAheadOfTheClock_KeepsTimestampsRising()
    {
        await using RestartableNode node = await RestartableNode.StartAsync(cancellationToken: Ct);
        await node.Devnet.IncreaseTimeAsync(TimeSpan.FromDays(10), Ct);
        DateTimeOffset beforeStop = await node.Devnet.GetBlockTimeAsync(Ct);

        await node.StopAsync(Ct);
        await node.StartAgainAsync(Ct);
        await node.Devnet.MineAsync(1, Ct);

        DateTimeOffset next = await node.Devnet.GetBlockTimeAsync(Ct);
        Assert.True(next > beforeStop, $"The first block after the restart has time {next:O}, not after the last one's {beforeStop:O}.");
    }

    [Fact]
    public async Task RpcFaultProxy_NodeStoppedThenRetargeted_FailsWith502ThenServesTheSameChain()
    {
        await using RestartableNode node = await RestartableNode.StartAsync(cancellationToken: Ct);
        await node.Devnet.MineAsync(5, Ct);
        await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(node.Devnet.RpcUrl, Ct);
        var web3 = new Web3(proxy.Url.ToString());
        Block block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(3));

        await node.StopAsync(Ct);
        var down = await Assert.ThrowsAsync<RpcClientUnknownException>(() => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync());
        proxy.Retarget((await node.StartAgainAsync(Ct)).RpcUrl);
        Block again = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(3));

        Assert.Equal(HttpStatusCode.BadGateway, Assert.IsType<HttpRequestException>(down.InnerException).StatusCode);
        Assert.Equal(block.BlockHash, again.BlockHash);
    }

    private static async Task<TransactionReceipt> SendAsync(Web3 web3, DevAccount account, string? to, string? data = null)
    {
        var input = new TransactionInput { From = account.Address, To = to, Data = data, Gas = new HexBigInteger(200_000) };
        TransactionReceipt receipt = await web3.Eth.TransactionManager.SendTransactionAndWaitForReceiptAsync(input, Ct);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt;
    }

    private static NewFilterInput LogFilter(long from, long to) =>
        new() { FromBlock = new BlockParameter((ulong)from), ToBlock = new BlockParameter((ulong)to) };

    /// <summary>What a client can see of the chain: compared before and after a restart.</summary>
    private sealed record ChainView(
        long Head,
        IReadOnlyList<string> BlockHashes,
        IReadOnlyList<string> Logs,
        string FirstCallReceipt,
        BigInteger Nonce,
        string Code,
        string Storage,
        string StorageAtFirstCall)
    {
        public static async Task<ChainView> ReadAsync(Web3 web3, string account, string contract, TransactionReceipt firstCall)
        {
            long head = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
            var hashes = new List<string>();
            for (long number = 0; number <= head; number++)
            {
                hashes.Add((await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter((ulong)number))).BlockHash);
            }

            FilterLog[] logs = await web3.Eth.Filters.GetLogs.SendRequestAsync(LogFilter(0, head));
            TransactionReceipt receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(firstCall.TransactionHash);
            return new ChainView(
                head,
                hashes,
                [.. logs.Select(log => $"{log.BlockNumber.Value} {log.BlockHash} {log.TransactionHash} {log.LogIndex.Value} {string.Join(',', log.Topics)} {log.Data} {log.Address}")],
                $"{receipt.BlockHash} {receipt.BlockNumber.Value} {receipt.Logs.Length}",
                (await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(account)).Value,
                await web3.Eth.GetCode.SendRequestAsync(contract),
                await web3.Eth.GetStorageAt.SendRequestAsync(contract, new HexBigInteger(0)),
                await web3.Eth.GetStorageAt.SendRequestAsync(contract, new HexBigInteger(0), new BlockParameter(firstCall.BlockNumber)));
        }

        public bool Equals(ChainView? other) =>
            other is not null
            && (Head, FirstCallReceipt, Nonce, Code, Storage, StorageAtFirstCall) == (other.Head, other.FirstCallReceipt, other.Nonce, other.Code, other.Storage, other.StorageAtFirstCall)
            && BlockHashes.SequenceEqual(other.BlockHashes)
            && Logs.SequenceEqual(other.Logs);

        public override int GetHashCode() => HashCode.Combine(Head, Code, Storage);
    }
}
