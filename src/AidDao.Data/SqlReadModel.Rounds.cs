using System.Numerics;
using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Core.Rounds;
using Dapper;

namespace AidDao.Data;

/// <summary>Funding rounds: results and the running tallies of approved projects.</summary>
public sealed partial class SqlReadModel
{
    /// <inheritdoc />
    public async Task<IndexedRound?> GetRoundAsync(long chainId, EthAddress round, CancellationToken cancellationToken)
    {
        var r = Key(round);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var info = await db.QueryFirstOrDefaultAsync<(string Community, string Asset, long Mode, string Name)?>(Q(
            "SELECT community, asset, mode, name FROM rounds WHERE chain_id = @chainId AND contract = @r", new { chainId, r }, cancellationToken)).ConfigureAwait(false);
        if (info is not { } round0) return null;
        var arg = new { chainId, r };
        var matching = Total(await db.QueryAsync<string>(Q("SELECT amount FROM matching_funds WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false));
        var balance = Total(await db.QueryAsync<string>(Q("SELECT delta FROM ledger WHERE chain_id = @chainId AND holder = @r AND reason <> 'transfer'", arg, cancellationToken)).ConfigureAwait(false));
        var final = await db.QueryFirstOrDefaultAsync<(string Matched, string Remainder, long ClaimDeadline)?>(Q(
            "SELECT matched, remainder, claim_deadline FROM round_finalizations WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false);
        var cancelled = await db.ExecuteScalarAsync<long>(Q("SELECT COUNT(*) FROM round_cancellations WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false) > 0;

        var reviews = new Dictionary<long, bool>();
        foreach (var (id, approved) in await db.QueryAsync<(long Id, long Approved)>(Q($"SELECT project_id, approved FROM project_reviews WHERE chain_id = @chainId AND contract = @r {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false))
            reviews[id] = approved == 1;
        var contributions = (await db.QueryAsync<(long Id, string Contributor, string Amount)>(Q(
            "SELECT project_id, contributor, amount FROM contributions WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false)).ToLookup(c => c.Id);
        // Voted carries a member's votes on a project so far (the root of the cumulative credits): the last one counts.
        var votes = new Dictionary<(long Id, string Member), string>();
        foreach (var (id, member, count) in await db.QueryAsync<(long Id, string Member, string Votes)>(Q(
                     $"SELECT project_id, member, votes FROM votes WHERE chain_id = @chainId AND contract = @r {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false))
            votes[(id, member)] = count;
        var votesByProject = votes.ToLookup(v => v.Key.Id);
        var matches = (await db.QueryAsync<(long Id, string Raw, string Match, long Capped)>(Q(
            "SELECT project_id, raw_match, match_amount, capped FROM matches WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false)).ToDictionary(m => m.Id);
        var payouts = (await db.QueryAsync<(long Id, string Amount, long Delivered)>(Q(
            $"SELECT project_id, amount, delivered FROM payouts WHERE chain_id = @chainId AND contract = @r {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false)).ToLookup(p => p.Id);

        var projects = new List<IndexedProject>();
        foreach (var (id, applicant, recipient, metadata) in await db.QueryAsync<(long Id, string Applicant, string Recipient, string Metadata)>(Q(
                     "SELECT project_id, applicant, recipient, metadata FROM projects WHERE chain_id = @chainId AND contract = @r ORDER BY project_id", arg, cancellationToken)).ConfigureAwait(false))
        {
            var status = reviews.TryGetValue(id, out var approved)
                ? approved ? cancelled ? RoundProjectStatus.Cancelled : RoundProjectStatus.Approved : RoundProjectStatus.Rejected
                : RoundProjectStatus.Pending;
            var given = contributions[id].ToList();
            var voteSum = Total(votesByProject[id].Select(v => v.Value));
            var match = matches.TryGetValue(id, out var m) ? m : default;
            var paid = payouts[id].Where(p => p.Delivered == 1).Aggregate(BigInteger.Zero, (s, p) => s + Big(p.Amount));
            projects.Add(new IndexedProject(id, Address(applicant), Address(recipient), status,
                given.Aggregate(BigInteger.Zero, (s, c) => s + Big(c.Amount)), given.Count, given.Select(c => c.Contributor).Distinct().Count(),
                voteSum, match.Raw is null ? null : Big(match.Raw), match.Match is null ? null : Big(match.Match), match.Capped == 1,
                paid, paid.IsZero && payouts[id].Any(p => p.Delivered == 0), metadata));
        }
        return new IndexedRound(round, Address(round0.Community), round0.Name, Address(round0.Asset), round0.Mode == 1, matching, balance,
            final is not null, cancelled, final is { } f1 ? Big(f1.Matched) : BigInteger.Zero, final is { } f2 ? Big(f2.Remainder) : BigInteger.Zero, projects,
            final?.ClaimDeadline);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedProjectTally>> GetRoundTalliesAsync(long chainId, EthAddress round, CancellationToken cancellationToken)
    {
        var r = Key(round);
        var arg = new { chainId, r };
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A project is reviewed once; approvals in chain order are the contract's approvedProjects().
        var approved = (await db.QueryAsync<long>(Q(
            $"SELECT project_id FROM project_reviews WHERE chain_id = @chainId AND contract = @r AND approved = 1 {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false)).ToList();
        if (approved.Count == 0) return [];

        // Each (contributor, project) stake: QF its matched money (every contribution flagged matched: given while a
        // member, or a top-up of a stake that began so), QV the member's credits. The project sums the stakes and their
        // floor roots (a vote's own root is of the member's cumulative credits, so the sum of the stakes' roots is the
        // project's votes). Money that is not matched only raises the project's total.
        var raised = new Dictionary<long, BigInteger>();
        var stakes = new Dictionary<(long Id, string Account), BigInteger>();
        foreach (var (id, contributor, amount, matched) in await db.QueryAsync<(long Id, string Contributor, string Amount, long Matched)>(Q(
                     "SELECT project_id, contributor, amount, matched FROM contributions WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false))
        {
            raised[id] = raised.GetValueOrDefault(id) + Big(amount);
            if (matched == 1) stakes[(id, contributor)] = stakes.GetValueOrDefault((id, contributor)) + Big(amount);
        }
        foreach (var (id, member, credits) in await db.QueryAsync<(long Id, string Member, string Credits)>(Q(
                     "SELECT project_id, member, credits FROM votes WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false))
            stakes[(id, member)] = stakes.GetValueOrDefault((id, member)) + Big(credits);

        var eligible = new Dictionary<long, BigInteger>();
        var roots = new Dictionary<long, BigInteger>();
        foreach (var ((id, _), stake) in stakes)
        {
            eligible[id] = eligible.GetValueOrDefault(id) + stake;
            roots[id] = roots.GetValueOrDefault(id) + IntegerMath.FloorSqrt(stake);
        }
        return approved.Select(id => new IndexedProjectTally(id, raised.GetValueOrDefault(id), eligible.GetValueOrDefault(id), roots.GetValueOrDefault(id))).ToList();
    }
}
