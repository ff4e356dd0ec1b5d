using System.Numerics;
using PoolChangeKind = AidDao.Core.Pools.PoolChangeKind;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>A pool change in the model.</summary>
internal sealed class PoolChangeModel(int id, PoolChangeKind kind, BigInteger value, int proposer, ulong expiresAt)
{
    public int Id { get; } = id;
    public PoolChangeKind Kind { get; } = kind;
    public BigInteger Value { get; } = value;
    public int Proposer { get; } = proposer;
    public ulong ExpiresAt { get; } = expiresAt;
    public PoolChangeStatus Status { get; set; } = PoolChangeStatus.Pending;
    public PoolBallot Ballot { get; } = new();
}
