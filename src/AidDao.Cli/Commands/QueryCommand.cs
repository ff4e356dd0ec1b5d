using System.CommandLine;
using System.Globalization;
using System.Numerics;
using AidDao.Cli.Output;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.ReadModel;
using AidDao.Data;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao query ...</c>: answers from a local index built by <c>aiddao index</c> (no chain needed): its status, a
/// community, a pool, a round's results, an account's history.
/// </summary>
internal static class QueryCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "The index (default: $AIDDAO_DB, else $AIDDAO_HOME/index.db, else ~/.aiddao/index.db).", Recursive = true };
        var chainId = new Option<long?>("--chain-id") { Description = "The chain to answer for (default: the index's only chain).", Recursive = true };
        var community = new Option<string>("--community") { Description = "The community.", Required = true };
        var poolOption = new Option<string>("--pool") { Description = "The pool.", Required = true };
        var roundOption = new Option<string>("--round") { Description = "The round.", Required = true };
        var account = new Argument<string>("account") { Description = "The account." };

        var status = new Command("status", "Where the index stands: chain, last block, events.");
        status.SetBody(async (c, ct) =>
        {
            var (model, chain) = await OpenAsync(c, db, chainId, ct).ConfigureAwait(false);
            var cursor = await model.GetCursorAsync(chain, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(TextTable.Fields(
                ("Chain", chain.ToString(CultureInfo.InvariantCulture)),
                ("Last block", cursor?.BlockNumber.ToString(CultureInfo.InvariantCulture) ?? "none"),
                ("Block hash", cursor?.BlockHash ?? ""),
                ("Events", cursor?.Events.ToString("N0", CultureInfo.InvariantCulture) ?? "0"))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        var communityCommand = new Command("community", "A community as indexed: settings, stewards, members, pools, rounds.") { community };
        communityCommand.SetBody(async (c, ct) =>
        {
            var address = EthAddress.Parse(c.Get(community), "--community address");
            var (model, chain) = await OpenAsync(c, db, chainId, ct).ConfigureAwait(false);
            var found = await model.GetCommunityAsync(chain, address, ct).ConfigureAwait(false) ?? throw NotIndexed("community", address);
            await c.Out.WriteLineAsync(TextTable.Fields(
                ("Community", $"{found.Name} {found.Address}"),
                ("Token", found.Token?.Value ?? ""),
                ("Stewards", $"{string.Join(", ", found.Stewards)} ({found.Threshold} must agree)"),
                ("Members", $"{found.Members.Count}: {string.Join(", ", found.Members)}"),
                ("Admission", $"{found.AdmissionApprovals} steward approval(s) or {found.VouchesRequired} vouches"),
                ("Pools", string.Join(", ", found.Pools)),
                ("Rounds", string.Join(", ", found.Rounds)))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        var pool = new Command("pool", "A pool as indexed: balances, requests with approvals and state.") { poolOption };
        pool.SetBody(async (c, ct) =>
        {
            var address = EthAddress.Parse(c.Get(poolOption), "--pool address");
            var (model, chain) = await OpenAsync(c, db, chainId, ct).ConfigureAwait(false);
            var found = await model.GetPoolAsync(chain, address, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ct).ConfigureAwait(false) ?? throw NotIndexed("pool", address);
            var table = new TextTable("REQUEST>", "STATE", "AMOUNT>", "RECIPIENT", "APPROVALS");
            foreach (var r in found.Requests)
                table.Add(r.Id.ToString(CultureInfo.InvariantCulture), r.State.ToString(), Amount(r.Asset, r.Amount), r.Recipient.Value, string.Join(" ", r.Approvals.Select(a => a.Abbreviated)));
            await c.Out.WriteLineAsync(TextTable.Fields(
                ("Pool", $"{found.Name} {found.Address}"),
                ("Holds", string.Join(", ", found.Balances.Select(b => Amount(b.Key, b.Value)))),
                ("Deposited", string.Join(", ", found.Deposited.Select(b => Amount(b.Key, b.Value)))),
                ("Payments", found.Paused ? "paused" : "running"),
                ("Emergency", found.EmergencyEndsAt is { } ends ? $"until {PoolStatusTable.Time(DateTimeOffset.FromUnixTimeSeconds(ends))}" : "none"))).ConfigureAwait(false);
            await c.Out.WriteLineAsync(found.Requests.Count == 0 ? "No requests." : table.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        var round = new Command("round", "A round's results as indexed: each project's contributions, contributors, match and payout.") { roundOption };
        round.SetBody(async (c, ct) =>
        {
            var address = EthAddress.Parse(c.Get(roundOption), "--round address");
            var (model, chain) = await OpenAsync(c, db, chainId, ct).ConfigureAwait(false);
            var found = await model.GetRoundAsync(chain, address, ct).ConfigureAwait(false) ?? throw NotIndexed("round", address);
            var state = found.Cancelled ? "cancelled" : found.Finalized ? "finalised" : "open";
            var table = new TextTable("PROJECT>", "STATUS", "RECIPIENT", "CONTRIBUTIONS>", "CONTRIBUTORS>", "MATCH>", "PAID>");
            foreach (var p in found.Projects)
                table.Add(p.Id.ToString(CultureInfo.InvariantCulture), p.Status.ToString(), p.Recipient.Value, Amount(found.Asset, p.Raised),
                    p.Contributors.ToString(CultureInfo.InvariantCulture), p.Match is { } m ? Amount(found.Asset, m) : "-", Amount(found.Asset, p.Paid));
            await c.Out.WriteLineAsync(TextTable.Fields(
                ("Round", $"{found.Name} {found.Address} ({state}, {(found.QuadraticVoting ? "quadratic voting" : "quadratic funding")})"),
                ("Matching pool", Amount(found.Asset, found.MatchingPool)),
                ("Holds", Amount(found.Asset, found.Balance)))).ConfigureAwait(false);
            await c.Out.WriteLineAsync(found.Projects.Count == 0 ? "No projects." : table.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        var history = new Command("history", "What an account did in a community: membership, deposits, requests, decisions, contributions, votes, tokens, hours.") { account, community };
        history.SetBody(async (c, ct) =>
        {
            var who = EthAddress.Parse(c.Get(account), "account");
            var address = EthAddress.Parse(c.Get(community), "--community address");
            var (model, chain) = await OpenAsync(c, db, chainId, ct).ConfigureAwait(false);
            var found = await model.GetMemberHistoryAsync(chain, address, who, ct).ConfigureAwait(false);
            var table = new TextTable("BLOCK>", "WHAT", "CONTRACT", "AMOUNT>", "REF>", "TRANSACTION");
            foreach (var a in found.Activities)
                table.Add(a.BlockNumber.ToString(CultureInfo.InvariantCulture), a.Kind, a.Contract.Abbreviated,
                    a.Amount is { } amount ? amount.ToString(CultureInfo.InvariantCulture) : "", a.Reference?.ToString(CultureInfo.InvariantCulture) ?? "", a.TransactionHash);
            await c.Out.WriteLineAsync(TextTable.Fields(
                ("Account", who.Value),
                ("Member", found.IsMember ? "yes" : "no"),
                ("Steward", found.IsSteward ? "yes" : "no"),
                ("Tokens", TokenAmount.Format(found.Tokens, 18)))).ConfigureAwait(false);
            await c.Out.WriteLineAsync(found.Activities.Count == 0 ? "Nothing yet." : table.ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        return new Command("query", "Answer from a local index built by 'aiddao index' (no chain needed).") { status, communityCommand, pool, round, history, db, chainId };
    }

    private static async Task<(SqlReadModel Model, long Chain)> OpenAsync(CliContext c, Option<string?> db, Option<long?> chainId, CancellationToken ct)
    {
        var setting = c.Get(db) ?? IndexCommand.DefaultDatabase();
        if (!setting.Contains('=', StringComparison.Ordinal) && !setting.Contains("://", StringComparison.Ordinal) && !File.Exists(setting))
            throw new AidDaoInputException($"There is no index at {setting}: build one with 'aiddao index --community ADDRESS --db {setting}'.");
        var database = IndexDatabase.FromSetting(setting);
        var model = new SqlReadModel(database);
        IReadOnlyList<long> chains;
        try
        {
            chains = await model.GetChainsAsync(ct).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e)
        {
            throw new AidDaoInputException($"{database.Description} is not an AidDao index ({e.Message}): build one with 'aiddao index'.", e);
        }
        if (c.Get(chainId) is { } wanted)
            return chains.Contains(wanted) ? (model, wanted) : throw new AidDaoInputException($"The index at {database.Description} has no chain {wanted} (it has: {(chains.Count == 0 ? "none" : string.Join(", ", chains))}).");
        return chains.Count switch
        {
            1 => (model, chains[0]),
            0 => throw new AidDaoInputException($"The index at {database.Description} is empty: run 'aiddao index' first."),
            _ => throw new AidDaoInputException($"The index at {database.Description} holds chains {string.Join(", ", chains)}: choose one with --chain-id."),
        };
    }

    private static AidDaoInputException NotIndexed(string what, EthAddress address) =>
        new($"The index knows no {what} {address}: check the address, or index its community with 'aiddao index --community ...'.");

    private static string Amount(EthAddress asset, BigInteger units) =>
        asset.IsZero ? TokenAmount.Format(units, 18, "ETH") : $"{units.ToString(CultureInfo.InvariantCulture)} units of {asset.Abbreviated}";
}
