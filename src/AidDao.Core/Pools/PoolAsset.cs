using System.Numerics;
using AidDao.Core.Transactions;
using Nethereum.Web3;

namespace AidDao.Core.Pools;

/// <summary>An asset as people read it: its address, symbol and decimals (ETH is the zero address, 18 decimals).</summary>
/// <param name="Address">The token contract, or <see cref="EthAddress.Zero"/> for ETH.</param>
/// <param name="Symbol">The symbol, e.g. ETH or USDC.</param>
/// <param name="Decimals">Decimal places of one whole unit.</param>
public sealed record PoolAsset(EthAddress Address, string Symbol, int Decimals)
{
    /// <summary>Native ETH.</summary>
    public static PoolAsset Eth { get; } = new(EthAddress.Zero, "ETH", 18);

    /// <summary>Whether this is native ETH.</summary>
    public bool IsEth => Address.IsZero;

    /// <summary>Formats smallest units: 1500000 with 6 decimals → "1.5 USDC".</summary>
    public string Format(BigInteger units) => TokenAmount.Format(units, Decimals, Symbol);

    /// <summary>Parses a decimal amount such as "0.25" into smallest units.</summary>
    public BigInteger Parse(string amount) => TokenAmount.Parse(amount, Decimals, Symbol);

    /// <summary>Reads a token's symbol and decimals from the chain (ETH for the zero address).</summary>
    public static async Task<PoolAsset> ReadAsync(IWeb3 web3, EthAddress asset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(web3);
        if (asset.IsZero) return Eth;
        var erc20 = web3.Eth.ERC20.GetContractService(asset.Value);
        try
        {
            var symbol = await ChainCall.QueryAsync(() => erc20.SymbolQueryAsync(), cancellationToken).ConfigureAwait(false);
            var decimals = await ChainCall.QueryAsync(() => erc20.DecimalsQueryAsync(), cancellationToken).ConfigureAwait(false);
            return new PoolAsset(asset, string.IsNullOrWhiteSpace(symbol) ? asset.Value : symbol, Math.Min((int)decimals, TokenAmount.MaxDecimals));
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ChainUnavailableException)
        {
            // A token without symbol() or decimals(): amounts are shown in its smallest units.
            return new PoolAsset(asset, asset.Value, 0);
        }
    }
}
