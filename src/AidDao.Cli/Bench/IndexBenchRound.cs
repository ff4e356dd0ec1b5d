namespace AidDao.Cli.Bench;

/// <summary>
/// A funding round as the index-benchmark seeder tracks it: its approved projects, whether it still takes money or
/// votes, each neighbour's favourite projects in it, and (for token claims) which projects each neighbour funded.
/// </summary>
/// <remarks>
/// Neighbours come back to a few favourite projects rather than spreading over all of them. Besides being how people
/// give, this keeps the chain's storage small (a stake is one storage slot per contributor and project), and Anvil's
/// time per block grows with the size of the state, empty blocks included.
/// </remarks>
internal sealed class IndexBenchRound(string address, string name, bool quadraticVoting, bool claimsTokens, int projects)
{
    /// <summary>The round contract.</summary>
    public string Address { get; } = address;

    /// <summary>Its name, for descriptions.</summary>
    public string Name { get; } = name;

    /// <summary>Quadratic voting (members vote) rather than quadratic funding (anyone contributes).</summary>
    public bool QuadraticVoting { get; } = quadraticVoting;

    /// <summary>Whether the round pays contribution tokens that contributors claim after finalisation.</summary>
    public bool ClaimsTokens { get; } = claimsTokens;

    /// <summary>How many projects the stewards approve.</summary>
    public int Projects { get; } = projects;

    /// <summary>How many applications it received (approved and rejected).</summary>
    public int Applications { get; set; }

    /// <summary>Whether contributions and votes are still open.</summary>
    public bool Open { get; set; } = true;

    /// <summary>The approved project ids.</summary>
    public List<int> Approved { get; } = [];

    /// <summary>Contributor to the projects they funded (kept only when <see cref="ClaimsTokens"/>).</summary>
    public Dictionary<string, HashSet<int>> Stakes { get; } = new(StringComparer.OrdinalIgnoreCase);

    private Dictionary<string, int[]> Favourites { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="account"/>'s favourite projects: drawn once, between <paramref name="fewest"/> and
    /// <paramref name="most"/> of them (never more than the round has).
    /// </summary>
    public IReadOnlyList<int> FavouritesOf(string account, Random random, int fewest, int most)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!Favourites.TryGetValue(account, out var favourites))
        {
            var count = Math.Min(Approved.Count, random.Next(fewest, most + 1));
            Favourites[account] = favourites = [.. Approved.OrderBy(_ => random.Next()).Take(count)];
        }
        return favourites;
    }
}
