using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3.Accounts;

namespace AidDao.Core.Transactions;

/// <summary>
/// Signs locally like Nethereum's account manager, but gives every transaction a gas limit above the node's estimate.
/// An estimate is taken against the state at one moment; the transaction may be mined a second later, when (for
/// example) a per-timestamp checkpoint needs a new storage slot instead of updating the last one. Without a margin
/// such a transaction runs out of gas and reverts with no reason. Unused gas is refunded, so the margin costs nothing.
/// </summary>
public sealed class GasMarginTransactionManager : AccountSignerTransactionManager
{
    /// <summary>Extra gas over the estimate, in percent.</summary>
    public const int MarginPercent = 25;

    /// <summary>Extra gas always added, for estimates that are small.</summary>
    public const int MarginFloor = 20_000;

    /// <summary>Creates the manager for <paramref name="account"/> on <paramref name="client"/>.</summary>
    public GasMarginTransactionManager(IClient client, Account account, BigInteger chainId)
        : base(client, account, chainId)
    {
    }

    /// <summary>The gas limit to send for a node estimate of <paramref name="estimate"/>.</summary>
    public static BigInteger WithMargin(BigInteger estimate) =>
        estimate + BigInteger.Max(estimate * MarginPercent / 100, MarginFloor);

    /// <inheritdoc />
    public override async Task<HexBigInteger> EstimateGasAsync(CallInput callInput)
    {
        var estimate = await base.EstimateGasAsync(callInput).ConfigureAwait(false);
        return new HexBigInteger(WithMargin(estimate.Value));
    }
}
