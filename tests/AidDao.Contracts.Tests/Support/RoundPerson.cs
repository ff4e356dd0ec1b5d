using AidDao.Core;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;

namespace AidDao.Contracts.Tests.Support;

/// <summary>One account of a <see cref="RoundCrowd"/>: a key made for the test, its address, and whether it was admitted.</summary>
/// <param name="Name">A short label for failure messages (m3 = member 3, o1 = outsider 1).</param>
/// <param name="Address">The checksummed address.</param>
/// <param name="IsMember">Whether the community admitted it before any round opened.</param>
/// <param name="Web3">A client that signs as this account.</param>
internal sealed record RoundPerson(string Name, EthAddress Address, bool IsMember, Nethereum.Web3.Web3 Web3)
{
    /// <summary>The FundingRound binding at <paramref name="round"/>, acting as this account.</summary>
    public RoundContract On(EthAddress round) => new(Web3, round.Value);

    /// <summary>The label and address (never the key).</summary>
    public override string ToString() => $"{Name} {Address}";
}
