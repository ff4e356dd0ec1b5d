using System.Numerics;
using AidDao.Core.Transactions;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Web3;

namespace AidDao.Core.Chain;

/// <summary>
/// The L1 data fee of OP Stack chains (Base, OP Mainnet and their test networks, and every other chain built on the OP
/// Stack): besides gas, each transaction pays for publishing its bytes on Ethereum, at a price that follows L1's fees.
/// The chain quotes it through its GasPriceOracle predeploy (<c>getL1Fee(bytes)</c>); a chain without code at that
/// address is not an OP Stack chain and has no such fee. (Arbitrum folds its L1 cost into the gas estimate instead.)
/// </summary>
internal static class OpStackGasPriceOracle
{
    /// <summary>The GasPriceOracle predeploy, at the same address on every OP Stack chain.</summary>
    public const string Address = "0x420000000000000000000000000000000000000F";

    /// <summary>
    /// The L1 data fee in wei for transactions carrying <paramref name="data"/> (hex), added up; 0 when the chain has no
    /// GasPriceOracle. The oracle is given the transaction's data: its own allowance for the signature covers most of the
    /// rest, and the few bytes of nonce, gas and fee fields are far below how much L1 fees move.
    /// </summary>
    public static async Task<BigInteger> L1FeeAsync(IWeb3 web3, IEnumerable<string> data, CancellationToken cancellationToken)
    {
        var code = await ChainCall.QueryAsync(() => web3.Eth.GetCode.SendRequestAsync(Address), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(code) || code == "0x") return BigInteger.Zero;
        var handler = web3.Eth.GetContractQueryHandler<GetL1FeeFunction>();
        var total = BigInteger.Zero;
        foreach (var bytes in data)
        {
            total += await ChainCall.QueryAsync(() => handler.QueryAsync<BigInteger>(Address, new GetL1FeeFunction { Data = bytes.HexToByteArray() }),
                cancellationToken).ConfigureAwait(false);
        }
        return total;
    }

    /// <summary><c>getL1Fee(bytes _data) returns (uint256)</c>.</summary>
    [Function("getL1Fee", "uint256")]
    private sealed class GetL1FeeFunction : FunctionMessage
    {
        [Parameter("bytes", "_data", 1)]
        public byte[] Data { get; set; } = [];
    }
}
