namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>The three assets the invariant pool accepts: native ETH, a plain ERC-20 and a fee-on-transfer ERC-20.</summary>
internal enum PoolAsset
{
    Eth,
    Token,
    FeeToken,
}
