using AidDao.Core.Transactions;

namespace AidDao.Core.Communities;

/// <summary>The result of a steward's admission approval or a member's vouch.</summary>
/// <param name="Candidate">Who is being admitted.</param>
/// <param name="Admitted">Whether this call admitted them.</param>
/// <param name="Count">Approvals or vouches counted now.</param>
/// <param name="Required">How many are needed.</param>
/// <param name="Transaction">The mined transaction.</param>
public sealed record AdmissionResult(EthAddress Candidate, bool Admitted, int Count, int Required, TransactionOutcome Transaction);
