using System.CommandLine;
using AidDao.Cli.Output;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao round create</c>: as a steward, creates a funding round for a community through the RoundFactory. The
/// schedule is given as durations from now (chain time): applications, then time for stewards to finish reviewing,
/// voting, the review period before finalisation, and the claim period.
/// </summary>
internal static class RoundCreateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var factory = new Option<string?>("--factory") { Description = "Address of the RoundFactory (default: from the deployment record 'aiddao deploy' wrote for this chain)." };
        var community = new Option<string>("--community") { Description = "Address of the community the round serves.", Required = true };
        var pool = new Option<string>("--pool") { Description = "The community's emergency pool: it receives what is not matched or not claimed, so it must accept the round's asset.", Required = true };
        var name = new Option<string>("--name") { Description = "The round's name (1-64 bytes).", Required = true };
        var asset = PoolCommand.AssetOption("What is contributed and matched: ETH (default), or a token symbol or address the pool accepts.");
        var applications = Duration("--applications", "How long applications stay open from now, e.g. 7d.", "7d");
        var vetting = Duration("--vetting", "Time after applications close for stewards to finish reviewing, before voting opens (0s: voting opens at once).", "1d");
        var voting = Duration("--voting", "How long contributions and votes stay open, e.g. 14d.", "14d");
        var review = Duration("--review", "Time after voting ends before anyone may finalise, to check the results (0s to 366d).", "1d");
        var claim = Duration("--claim", "How long recipients may claim after finalisation; then unclaimed money goes to the emergency pool (1s to 366d).", "30d");
        var mode = new Option<string>("--mode") { Description = "qf: members' contributions are matched (quadratic funding); qv: members spend voice credits (quadratic voting).", DefaultValueFactory = _ => "qf" };
        var cap = new Option<string>("--cap") { Description = "The most one project may receive, as a percentage of the matching pool (e.g. 25 or 12.5%; 0 = no cap).", DefaultValueFactory = _ => "0" };
        var minimum = new Option<string?>("--min") { Description = "The smallest contribution, in whole units (default 0.001, or one unit of a token with fewer decimals)." };
        var maxProjects = new Option<int>("--max-projects") { Description = "The most projects stewards may approve (1-250).", DefaultValueFactory = _ => 100 };
        var rawOnly = new Option<bool>("--raw-only") { Description = "Quadratic funding: when the formula asks for less than the pool, pay only that and send the rest to the emergency pool (default: spread the whole pool)." };
        var credits = new Option<string?>("--credits") { Description = "Quadratic voting: voice credits per member (default 100)." };
        var tokenVotes = new Option<bool>("--token-votes") { Description = "Quadratic voting: each member's voice credits are their contribution-token votes at the round's creation (instead of equal credits)." };
        var tokenRate = new Option<string>("--token-rate") { Description = "Contribution tokens earned per whole unit contributed (default 0: none).", DefaultValueFactory = _ => "0" };
        var proposeMinter = new Option<bool>("--propose-minter") { Description = "With --token-rate: also propose, in the community, that the round may mint contribution tokens." };
        var create = new Command("create", "As a steward, create a funding round for a community.")
        {
            factory, community, pool, name, asset, applications, vetting, voting, review, claim, mode, cap, minimum, maxProjects, rawOnly, credits, tokenVotes, tokenRate, proposeMinter,
        };
        create.SetBody(async (c, ct) =>
        {
            EthAddress? givenFactory = c.Get(factory) is { } f ? EthAddress.Parse(f, "--factory address") : null;
            var communityAddress = EthAddress.Parse(c.Get(community), "--community address");
            var poolAddress = EthAddress.Parse(c.Get(pool), "--pool address");
            var periods = (Applications: PoolInput.Duration(c.Get(applications), "--applications"), Vetting: PoolInput.Duration(c.Get(vetting), "--vetting"),
                Voting: PoolInput.Duration(c.Get(voting), "--voting"), Review: PoolInput.Duration(c.Get(review), "--review"), Claim: PoolInput.Duration(c.Get(claim), "--claim"));
            var roundMode = RoundInput.Mode(c.Get(mode));
            var capBps = RoundInput.CapBasisPoints(c.Get(cap));
            if (c.Get(minimum) is { } min) PoolInput.AmountSyntax(min);
            var tokensPerUnit = TokenAmount.Parse(c.Get(tokenRate), 18, "contribution tokens");
            var (creditMode, perMember) = Credits(roundMode, c.Get(credits), c.Get(tokenVotes));
            if (c.Get(rawOnly) && roundMode == RoundMode.QuadraticVoting)
                throw new AidDaoInputException("--raw-only is for quadratic funding: a quadratic-voting round always spreads the whole pool by votes.");
            if (c.Get(proposeMinter) && tokensPerUnit.IsZero)
                throw new AidDaoInputException("--propose-minter needs --token-rate: without a rate the round mints no contribution tokens.");

            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: true, ct).ConfigureAwait(false);
            var factoryAddress = await DeploymentRecords.FactoryAsync(c, chain, connection, givenFactory, AidDaoContract.RoundFactory, "--factory", ct).ConfigureAwait(false);
            var members = await CommunityService.ConnectAsync(connection.Web3, communityAddress, ct).ConfigureAwait(false);
            var emergencyPool = await EmergencyPoolService.ConnectAsync(connection.Web3, poolAddress, ct).ConfigureAwait(false);
            if (emergencyPool.Community != communityAddress)
                throw new AidDaoInputException($"The pool {poolAddress} belongs to the community {emergencyPool.Community}, not to {communityAddress}: give this community's emergency pool.");
            var what = await emergencyPool.FindAssetAsync(c.Get(asset), ct).ConfigureAwait(false);
            var now = await ChainClock.NowAsync(connection.Web3, ct).ConfigureAwait(false);
            var configuration = new RoundConfiguration
            {
                Name = c.Get(name),
                Asset = what.Address,
                EmergencyPool = poolAddress,
                Schedule = RoundSchedule.FromNow(now, periods.Applications, periods.Vetting, periods.Voting, periods.Review, periods.Claim),
                MinimumContribution = c.Get(minimum) is { } given ? what.Parse(given) : RoundInput.DefaultMinimum(what),
                CapBasisPoints = capBps,
                MaxProjects = c.Get(maxProjects),
                SpreadWholePool = !c.Get(rawOnly),
                Mode = roundMode,
                CreditMode = creditMode,
                CreditsPerMember = perMember,
                TokenRate = PoolInput.MintRate(c.Get(tokenRate), what),
            };
            configuration.Validate();
            var created = await new RoundFactoryService(connection.Web3, factoryAddress).CreateRoundAsync(communityAddress, configuration, ct).ConfigureAwait(false);
            var schedule = configuration.Schedule;
            await c.Out.WriteLineAsync(string.Join(Environment.NewLine,
                $"Created round '{configuration.Name}': {created.Round} (community {communityAddress}, round #{created.Index + 1} of the community, gas {created.Transaction.GasUsed}).",
                $"Applications until {PoolStatusTable.Time(schedule.ApplicationsEnd)}; voting {PoolStatusTable.Time(schedule.VotingStart)} to {PoolStatusTable.Time(schedule.VotingEnd)}; "
                + $"anyone may finalise from {PoolStatusTable.Time(schedule.FinalizeFrom)}; recipients then claim for {PoolInput.Duration(schedule.ClaimPeriod)}.",
                $"Next: projects apply with 'aiddao round apply --round {created.Round} --details TEXT'; donors add matching funds with 'aiddao round fund AMOUNT --round {created.Round}'."))
                .ConfigureAwait(false);
            if (configuration.TokenRate.IsZero) return ExitCodes.Ok;

            if (!c.Get(proposeMinter))
            {
                await c.Out.WriteLineAsync(
                    $"Contribution tokens are paid only once the community makes the round a minter: a steward runs 'aiddao community propose set-minter --target {created.Round} --community {communityAddress}' and M stewards approve (or re-run with --propose-minter).")
                    .ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            var proposal = await members.ProposeMinterAsync(created.Round, true, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(proposal.Executed
                ? $"Proposal {proposal.ProposalId} (SetMinter) passed with {proposal.Approvals} of {proposal.Threshold} approvals: the round can mint contribution tokens."
                : $"Proposal {proposal.ProposalId} (SetMinter) has {proposal.Approvals} of {proposal.Threshold} approvals: contribution tokens can be claimed once other stewards approve it with 'aiddao community approve {proposal.ProposalId} --community {communityAddress}'.")
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return create;
    }

    /// <summary>The voice-credit mode and budget: only for quadratic voting; equal credits (default 100) or token votes.</summary>
    private static (VoiceCreditMode Mode, System.Numerics.BigInteger PerMember) Credits(RoundMode mode, string? credits, bool tokenVotes)
    {
        if (mode == RoundMode.QuadraticFunding)
        {
            if (credits is not null || tokenVotes)
                throw new AidDaoInputException("--credits and --token-votes are for quadratic-voting rounds: add --mode qv, or leave them out.");
            return (VoiceCreditMode.Equal, 0);
        }
        if (tokenVotes && credits is not null) throw new AidDaoInputException("Give --credits N (equal credits for every member) or --token-votes, not both.");
        return tokenVotes ? (VoiceCreditMode.TokenVotes, 0) : (VoiceCreditMode.Equal, credits is null ? 100 : RoundInput.Credits(credits));
    }

    private static Option<string> Duration(string name, string description, string fallback) =>
        new(name) { Description = description, DefaultValueFactory = _ => fallback };
}
