using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>One refund after a cancel.</summary>
/// <param name="Account">Who is refunded.</param>
/// <param name="ProjectId">The project contributed to; 0 for matching funds.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Delivered">False when the push failed: the money is kept for the account to withdraw.</param>
public sealed record RoundRefund(EthAddress Account, BigInteger ProjectId, BigInteger Amount, bool Delivered);
