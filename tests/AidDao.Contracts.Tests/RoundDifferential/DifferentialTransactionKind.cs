namespace AidDao.Contracts.Tests.RoundDifferential;

/// <summary>Which round function a <see cref="DifferentialTransaction"/> calls.</summary>
internal enum DifferentialTransactionKind
{
    /// <summary><c>contributeTo(projectId, amount)</c>: one item.</summary>
    ContributeTo,

    /// <summary><c>contribute(projectIds, amounts)</c>.</summary>
    Contribute,

    /// <summary><c>vote(projectIds, credits)</c> (quadratic voting, members only).</summary>
    Vote,
}
