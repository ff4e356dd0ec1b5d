using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>Money that left a round in one transaction: a withdrawal, or a sweep to the emergency pool.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="To">Where it went.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record RoundPaymentResult(BigInteger Amount, EthAddress To, TransactionOutcome Transaction);
