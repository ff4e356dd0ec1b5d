using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace AidDao.Core.Transactions;

/// <summary>The chain's own clock: contracts compare windows with <c>block.timestamp</c>, not with the computer's clock.</summary>
public static class ChainClock
{
    /// <summary>The latest block's time, in UTC.</summary>
    public static async Task<DateTimeOffset> NowAsync(IWeb3 web3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        var block = await ChainCall.QueryAsync(() => web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest()), cancellationToken)
            .ConfigureAwait(false);
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }
}
