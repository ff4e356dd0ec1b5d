using System.Numerics;

namespace AidDao.Core.Communities;

/// <summary>The fee per gas a deployment is sent with, in wei.</summary>
/// <param name="MaxFeePerGas">EIP-1559: the most paid per gas (twice the base fee plus the tip); legacy: the gas price.</param>
/// <param name="MaxPriorityFeePerGas">EIP-1559: the tip per gas to the block producer; null on a chain without a base fee.</param>
/// <param name="BaseFee">EIP-1559: the latest block's base fee per gas; null on a chain without one.</param>
public sealed record GasFee(BigInteger MaxFeePerGas, BigInteger? MaxPriorityFeePerGas, BigInteger? BaseFee)
{
    /// <summary>Whether transactions are EIP-1559 ones (type 2).</summary>
    public bool IsEip1559 => MaxPriorityFeePerGas is not null;

    /// <summary>What one gas is expected to cost: the base fee plus the tip (EIP-1559), else the gas price.</summary>
    public BigInteger ExpectedPerGas => IsEip1559 ? BigInteger.Min(MaxFeePerGas, (BaseFee ?? 0) + MaxPriorityFeePerGas!.Value) : MaxFeePerGas;
}
