using System.Numerics;

namespace AidDao.Core.ReadModel;

/// <summary>One thing an account did (or had done to it) in a community.</summary>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="Kind">admitted, removed, steward-added, steward-removed, deposit, request, approval, rejection, contribution, vote, tokens, hours.</param>
/// <param name="Contract">The pool, round, token or community concerned.</param>
/// <param name="Amount">The amount (deposit, request, contribution, tokens, hours; credits for a vote); null when none.</param>
/// <param name="Reference">The request, project or attestation id concerned; null when none.</param>
public sealed record MemberActivity(long BlockNumber, string TransactionHash, string Kind, EthAddress Contract, BigInteger? Amount, long? Reference);
