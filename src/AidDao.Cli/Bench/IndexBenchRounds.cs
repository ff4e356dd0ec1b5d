using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using Nethereum.Contracts;

namespace AidDao.Cli.Bench;

/// <summary>
/// The funding-round side of the index-benchmark activity: applications and reviews, contributions (one
/// <c>Contributed</c> event per project; a neighbour funds one to a dozen of their favourite projects, and now and then
/// one of four big donors funds a large share of a round), votes in the quadratic-voting round, matching funds,
/// finalisation and payouts. Every method queues transactions on the shared <see cref="BenchTransactionQueue"/> and
/// returns the events they emit at least.
/// </summary>
internal sealed class IndexBenchRounds(BenchTransactionQueue queue, IndexBenchCast cast, Random random)
{
    /// <summary>The smallest contribution the seeded rounds accept (10^13 wei); contributions are 1 to 100 times it.</summary>
    public static readonly BigInteger MinimumContribution = BigInteger.Pow(10, 13);

    private const int BigDonors = 4;
    private const int DistributeChunk = 50;
    private const int MaxClaimers = 12;
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private readonly List<IndexBenchRound> _rounds = [];
    private (IndexBenchRound Round, string Donor, int Size)? _nextBurst;

    /// <summary>Adds a round that will get <paramref name="projects"/> approved projects; returns its index.</summary>
    public int Add(string address, string name, bool quadraticVoting, bool claimsTokens, int projects)
    {
        _rounds.Add(new IndexBenchRound(address, name, quadraticVoting, claimsTokens, projects));
        return _rounds.Count - 1;
    }

    /// <summary>
    /// Applications from the applicants (one in twenty more than the approved projects, to be rejected), mined in one
    /// block, then the stewards' reviews, mined in the next. The rounds must still take applications.
    /// </summary>
    public async Task ApplyAndReviewAsync(CancellationToken ct)
    {
        var recipient = 0;
        foreach (var round in _rounds)
        {
            round.Applications = round.Projects + Math.Max(1, round.Projects / 20);
            for (var id = 1; id <= round.Applications; id++)
            {
                var applicant = cast.Applicants[random.Next(cast.Applicants.Count)];
                var metadata = new byte[32];
                random.NextBytes(metadata);
                var data = new ApplyForFundingFunction { Recipient = IndexBenchCast.Keyless("recipient", recipient++), Metadata = metadata }.GetCallData();
                await queue.AddAsync(applicant.Address, round.Address, data, 0, 160_000, $"applyForFunding in {round.Name}", 1, ct).ConfigureAwait(false);
            }
        }
        await queue.MineAsync(1, ct).ConfigureAwait(false);
        foreach (var round in _rounds)
        {
            var rejected = Enumerable.Range(1, round.Applications).OrderBy(_ => random.Next()).Take(round.Applications - round.Projects).ToHashSet();
            for (var id = 1; id <= round.Applications; id++)
            {
                var approve = !rejected.Contains(id);
                if (approve) round.Approved.Add(id);
                var data = new ReviewProjectFunction { ProjectId = id, Approve = approve }.GetCallData();
                await queue.AddAsync(cast.Stewards[id % cast.Stewards.Count].Address, round.Address, data, 0, 130_000, $"reviewProject {id} in {round.Name}", 1, ct)
                    .ConfigureAwait(false);
            }
        }
        await queue.MineAsync(1, ct).ConfigureAwait(false);
    }

    /// <summary>Queues 5 ETH of matching funds for every round.</summary>
    public async Task FundAsync(CancellationToken ct)
    {
        foreach (var round in _rounds)
        {
            var data = new FundMatchingFunction { Amount = 5 * Ether }.GetCallData();
            await queue.AddAsync(cast.Applicants[^2].Address, round.Address, data, 5 * Ether, 120_000, $"fundMatching {round.Name}", 1, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A neighbour funds one to a dozen of their favourite projects (within <paramref name="budget"/> events).</summary>
    public async Task<int> ContributeAsync(double budget, CancellationToken ct)
    {
        var open = OpenFundingRounds();
        if (open.Count == 0) return 0;
        var round = open[random.Next(open.Count)];
        var contributor = cast.Neighbours[random.Next(BigDonors, cast.Neighbours.Count)].Address;
        var favourites = round.FavouritesOf(contributor, random, 3, 15);
        var typical = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 3);
        var count = Math.Min(favourites.Count, Math.Min(typical, Math.Max(1, (int)Math.Ceiling(budget))));
        return await ContributeAsync(round, contributor, Sample(favourites, count), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// When <paramref name="allowance"/> covers the next big donation (a donor's favourite half or more of a round, or 13
    /// to 60 of them), queues it and returns its events; otherwise returns 0.
    /// </summary>
    public async Task<int> BurstAsync(double allowance, CancellationToken ct)
    {
        if (_nextBurst is null)
        {
            var open = OpenFundingRounds();
            if (open.Count == 0) return 0;
            var round = open[random.Next(open.Count)];
            var donor = cast.Neighbours[random.Next(BigDonors)].Address;
            var favourites = round.FavouritesOf(donor, random, round.Approved.Count / 2, round.Approved.Count);
            _nextBurst = (round, donor, random.Next(3) == 0 ? favourites.Count : Math.Min(favourites.Count, random.Next(13, 61)));
        }
        if (_nextBurst is not { } burst || burst.Size > allowance) return 0;
        _nextBurst = null;
        if (!burst.Round.Open) return 0;
        var projects = Sample(burst.Round.FavouritesOf(burst.Donor, random, 0, 0), burst.Size);
        return await ContributeAsync(burst.Round, burst.Donor, projects, ct).ConfigureAwait(false);
    }

    /// <summary>A member spreads voice credits over one to five of their favourite projects in an open voting round.</summary>
    public async Task<int> VoteAsync(string voter, CancellationToken ct)
    {
        var open = _rounds.Where(r => r.Open && r.QuadraticVoting).ToList();
        if (open.Count == 0) return 0;
        var round = open[random.Next(open.Count)];
        var favourites = round.FavouritesOf(voter, random, 2, 6);
        var projects = Sample(favourites, random.Next(1, Math.Min(5, favourites.Count) + 1));
        var data = new VoteFunction { ProjectIds = [.. projects.Select(p => new BigInteger(p))], Credits = [.. projects.Select(_ => new BigInteger(random.Next(1, 26)))] }
            .GetCallData();
        await queue.AddAsync(voter, round.Address, data, 0, 120_000 + 50_000L * projects.Count, $"vote ({projects.Count} projects) in {round.Name} by {voter}",
            projects.Count, ct).ConfigureAwait(false);
        return projects.Count;
    }

    /// <summary>A neighbour adds 0.1 to 1 ETH to an open round's matching pool.</summary>
    public async Task<int> FundMatchingAsync(CancellationToken ct)
    {
        var open = _rounds.Where(r => r.Open).ToList();
        if (open.Count == 0) return 0;
        var round = open[random.Next(open.Count)];
        var funder = cast.Neighbours[random.Next(cast.Neighbours.Count)].Address;
        var amount = Ether / 10 * random.Next(1, 11);
        await queue.AddAsync(funder, round.Address, new FundMatchingFunction { Amount = amount }.GetCallData(), amount, 120_000, $"fundMatching {round.Name} by {funder}", 1, ct)
            .ConfigureAwait(false);
        return 1;
    }

    /// <summary>Stops contributions and votes to round <paramref name="index"/> (its voting window has passed).</summary>
    public void Close(int index) => _rounds[index].Open = false;

    /// <summary>Queues the finalisation of round <paramref name="index"/>.</summary>
    public Task FinalizeAsync(int index, CancellationToken ct)
    {
        var round = _rounds[index];
        return queue.AddAsync(cast.Applicants[0].Address, round.Address, new FinalizeFunction().GetCallData(), 0, 300_000 + 25_000L * round.Approved.Count,
            $"finalize {round.Name}", round.Approved.Count + 1, ct);
    }

    /// <summary>
    /// After a finalisation was mined: pushes every project's payout (chunks of 50), lets up to twelve contributors
    /// claim their contribution tokens when the round pays them, and sweeps the unused matching money into the pool.
    /// </summary>
    public async Task PayOutAsync(int index, CancellationToken ct)
    {
        var round = _rounds[index];
        for (var from = 0; from < round.Approved.Count; from += DistributeChunk)
        {
            var to = Math.Min(from + DistributeChunk, round.Approved.Count);
            var data = new DistributeFunction { From = from, To = to }.GetCallData();
            await queue.AddAsync(cast.Applicants[1].Address, round.Address, data, 0, 150_000 + 80_000L * (to - from), $"distribute {from}-{to} in {round.Name}",
                to - from, ct).ConfigureAwait(false);
        }
        if (round.ClaimsTokens)
        {
            foreach (var (contributor, projects) in round.Stakes.Take(MaxClaimers))
            {
                var ids = projects.Take(60).Select(p => new BigInteger(p)).ToList();
                await queue.AddAsync(contributor, round.Address, new ClaimTokensFunction { ProjectIds = ids }.GetCallData(), 0, 300_000 + 30_000L * ids.Count,
                    $"claimTokens ({ids.Count} projects) in {round.Name} by {contributor}", 4, ct).ConfigureAwait(false);
            }
        }
        await queue.AddAsync(cast.Applicants[2].Address, round.Address, new SweepFunction().GetCallData(), 0, 300_000, $"sweep {round.Name}", 2, ct)
            .ConfigureAwait(false);
    }

    private List<IndexBenchRound> OpenFundingRounds() => [.. _rounds.Where(r => r.Open && !r.QuadraticVoting)];

    private async Task<int> ContributeAsync(IndexBenchRound round, string contributor, List<int> projects, CancellationToken ct)
    {
        if (round.ClaimsTokens)
        {
            if (!round.Stakes.TryGetValue(contributor, out var staked)) round.Stakes[contributor] = staked = [];
            staked.UnionWith(projects);
        }
        var amounts = projects.Select(_ => MinimumContribution * random.Next(1, 101)).ToList();
        var data = new ContributeFunction { ProjectIds = [.. projects.Select(p => new BigInteger(p))], Amounts = amounts }.GetCallData();
        var value = amounts.Aggregate(BigInteger.Zero, (sum, a) => sum + a);
        await queue.AddAsync(contributor, round.Address, data, value, 60_000 + 40_000L * projects.Count,
            $"contribute ({projects.Count} projects) to {round.Name} from {contributor}", projects.Count, ct).ConfigureAwait(false);
        return projects.Count;
    }

    private List<int> Sample(IReadOnlyList<int> items, int count)
    {
        var copy = items.ToArray();
        count = Math.Min(count, copy.Length);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return [.. copy.Take(count)];
    }
}
