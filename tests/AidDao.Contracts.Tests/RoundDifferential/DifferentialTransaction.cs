using System.Numerics;

namespace AidDao.Contracts.Tests.RoundDifferential;

/// <summary>
/// One transaction of a differential round: a single <c>contributeTo</c>, a <c>contribute</c> batch, or a <c>vote</c> batch
/// by crowd member <paramref name="Person"/> (an index into <see cref="Support.RoundCrowd.Everyone"/>). Project ids are
/// the chain's (from 1); a batch may name one project several times.
/// </summary>
internal sealed record DifferentialTransaction(int Person, DifferentialTransactionKind Kind, IReadOnlyList<(int Project, BigInteger Amount)> Items);
