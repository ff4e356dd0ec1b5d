using System.Globalization;
using AidDao.Core;
using AidDao.Core.Chain;
using Nethereum.Signer;
using Nethereum.Util;

namespace AidDao.Cli.Bench;

/// <summary>
/// Who acts in the index-benchmark chain: dev accounts 0-2 are the stewards (two must agree), dev accounts 3-9 are
/// founding members who apply for round funding, and generated neighbours (keys derived from a fixed phrase, funded
/// with <c>anvil_setBalance</c>) contribute, donate, ask for aid and vote: the first <see cref="FoundingNeighbours"/>
/// are founding members, the rest join during the run. Recipients and later candidates are keyless addresses.
/// </summary>
internal sealed class IndexBenchCast
{
    /// <summary>How many generated neighbours there are.</summary>
    public const int NeighbourCount = 64;

    /// <summary>How many of them are founding members.</summary>
    public const int FoundingNeighbours = 40;

    /// <summary>The cast for <paramref name="devAccounts"/> (Anvil's ten accounts).</summary>
    public IndexBenchCast(IReadOnlyList<DevAccount> devAccounts)
    {
        ArgumentNullException.ThrowIfNull(devAccounts);
        if (devAccounts.Count < 10) throw new ArgumentException("The index benchmark needs Anvil's ten dev accounts.", nameof(devAccounts));
        Stewards = [.. devAccounts.Take(3)];
        Applicants = [.. devAccounts.Skip(3).Take(7)];
        Neighbours = [.. Enumerable.Range(0, NeighbourCount).Select(i =>
        {
            var key = "0x" + Sha3Keccack.Current.CalculateHash(string.Create(CultureInfo.InvariantCulture, $"aiddao index bench neighbour {i}"));
            return new DevAccount(i, new EthECKey(key).GetPublicAddress(), key);
        })];
    }

    /// <summary>The stewards (dev accounts 0-2).</summary>
    public IReadOnlyList<DevAccount> Stewards { get; }

    /// <summary>Founding members who apply for funding (dev accounts 3-9).</summary>
    public IReadOnlyList<DevAccount> Applicants { get; }

    /// <summary>The generated neighbours.</summary>
    public IReadOnlyList<DevAccount> Neighbours { get; }

    /// <summary>The founding members: the applicants and the first <see cref="FoundingNeighbours"/> neighbours.</summary>
    public IReadOnlyList<EthAddress> FoundingMembers =>
        [.. Applicants.Concat(Neighbours.Take(FoundingNeighbours)).Select(a => EthAddress.FromChain(a.Address))];

    /// <summary>Everyone who signs transactions.</summary>
    public IEnumerable<DevAccount> Signers => Stewards.Concat(Applicants).Concat(Neighbours);

    /// <summary>A keyless address, the same for the same <paramref name="index"/>: a project's recipient or a later candidate.</summary>
    public static string Keyless(string purpose, int index)
    {
        var hash = Sha3Keccack.Current.CalculateHash(string.Create(CultureInfo.InvariantCulture, $"aiddao index bench {purpose} {index}"));
        return EthAddress.FromChain("0x" + hash[^40..]).Value;
    }
}
