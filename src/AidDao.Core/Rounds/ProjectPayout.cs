using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>A project's contributions and match sent to its recipient, or held back because the push failed.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="To">Where the money went (or would have gone).</param>
/// <param name="Amount">Contributions plus match.</param>
/// <param name="Delivered">False when a pushed payment could not be delivered: the recipient can still claim it.</param>
public sealed record ProjectPayout(BigInteger ProjectId, EthAddress To, BigInteger Amount, bool Delivered);
