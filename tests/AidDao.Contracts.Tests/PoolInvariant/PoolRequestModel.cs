using System.Numerics;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>An aid request in the model.</summary>
internal sealed class PoolRequestModel(int id, int requester, int recipient, PoolAsset asset, BigInteger amount, ulong expiresAt)
{
    public int Id { get; } = id;
    public int Requester { get; } = requester;
    public int Recipient { get; } = recipient;
    public PoolAsset Asset { get; } = asset;
    public BigInteger Amount { get; } = amount;
    public ulong ExpiresAt { get; } = expiresAt;
    public PoolRequestStatus Status { get; set; } = PoolRequestStatus.Pending;
    public PoolBallot Ballot { get; } = new();
}
