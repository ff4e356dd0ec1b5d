using System.Numerics;
using AidDao.Contracts.Testing.HostileRoundRecipient;
using AidDao.Contracts.Testing.HostileRoundRecipient.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;
using Nethereum.JsonRpc.Client;

namespace AidDao.Indexer.Tests;

/// <summary>
/// The rounds part. Three rounds share one schedule (applications for an hour, voting for an hour, an hour of review): a
/// quadratic-funding round run to its end, a quadratic-voting round, and a round cancelled during voting.
/// </summary>
public sealed partial class EveryEventScenario
{
    /// <summary>Code that reverts whatever it is sent: set on account 9 so its refunds bounce.</summary>
    private const string RefusingCode = "0x60006000fd";

    private const byte HostileRoundRefuses = 1;

    private async Task BuildRoundsAsync()
    {
        var now = await ChainClock.NowAsync(Web3(0), _ct);
        var schedule = RoundSchedule.FromNow(now, TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        var factory = new RoundFactoryService(Web3(0), Deployment.RoundFactory);
        RoundConfiguration Configuration(string name) => new()
        {
            Name = name,
            EmergencyPool = Pool,
            Schedule = schedule,
            MinimumContribution = Ether / 1000,
        };
        QuadraticFundingRound = (await factory.CreateRoundAsync(Community, Configuration("Spring Projects") with { TokenRate = Ether, SpreadWholePool = false }, _ct)).Round;
        QuadraticVotingRound = (await factory.CreateRoundAsync(Community, Configuration("Neighbourhood Vote") with
        {
            Mode = RoundMode.QuadraticVoting,
            CreditsPerMember = 100,
        }, _ct)).Round;
        CancelledRound = (await factory.CreateRoundAsync(Community, Configuration("Summer Fair"), _ct)).Round;
        await PassAsync(s => s.ProposeMinterAsync(QuadraticFundingRound, true, _ct));

        // Applications: approved, approved (a recipient that refuses ETH), approved, rejected, never reviewed.
        var garden = await ApplyAsync(QuadraticFundingRound, 6, "Community garden", reviewer: 0, approve: true);
        var hostile = await HostileRoundRecipientService.DeployContractAndGetServiceAsync(Web3(0), new HostileRoundRecipientDeployment { Round = QuadraticFundingRound.Value });
        await ChainCall.SendAsync(s => hostile.SetModeRequestAndWaitForReceiptAsync(HostileRoundRefuses, s), _ct);
        await ChainCall.SendAsync(s => hostile.ApplyAsRecipientRequestAndWaitForReceiptAsync(DetailsHash.Of("Repair café"), s), _ct);
        var repair = await ChainCall.QueryAsync(() => hostile.ProjectIdQueryAsync(), _ct);
        await (await RoundAs(QuadraticFundingRound, 0)).ReviewAsync(repair, approve: true, _ct);
        var kits = await ApplyAsync(QuadraticFundingRound, 8, "Football kits", reviewer: 1, approve: true);
        await ApplyAsync(QuadraticFundingRound, 9, "A new car for the organiser", reviewer: 1, approve: false);
        await ApplyAsync(QuadraticFundingRound, 5, "Late application", reviewer: null, approve: false);
        var lights = await ApplyAsync(QuadraticVotingRound, 3, "Street lights", reviewer: 0, approve: true);
        var benches = await ApplyAsync(QuadraticVotingRound, 9, "Park benches", reviewer: 0, approve: true);
        var fair = await ApplyAsync(CancelledRound, 6, "Summer fair", reviewer: 0, approve: true);

        await MoveToAsync(schedule.VotingStart);
        await (await RoundAs(QuadraticFundingRound, 9)).FundMatchingAsync(Ether, _ct);
        await (await RoundAs(QuadraticFundingRound, 3)).ContributeAsync([(garden, Ether / 10), (repair, Ether / 10)], _ct);
        var given = await (await RoundAs(QuadraticFundingRound, 4)).ContributeAsync([(garden, Ether / 20), (kits, Ether / 10)], _ct);
        foreach (var contribution in given.Contributions)
            Track(given.Transaction, "contribution", QuadraticFundingRound, contribution.Amount, contribution.ProjectId);
        await (await RoundAs(QuadraticFundingRound, 6)).ContributeAsync(repair, Ether / 20, _ct);
        await (await RoundAs(QuadraticFundingRound, 8)).ContributeAsync(kits, Ether / 5, _ct);

        await (await RoundAs(QuadraticVotingRound, 0)).FundMatchingAsync(Ether / 2, _ct);
        await (await RoundAs(QuadraticVotingRound, 3)).VoteAsync([(lights, 16), (benches, 9)], _ct);
        var voted = await (await RoundAs(QuadraticVotingRound, 4)).VoteAsync([(lights, 25)], _ct);
        Track(voted.Transaction, "vote", QuadraticVotingRound, 25, lights);
        await (await RoundAs(QuadraticVotingRound, 6)).VoteAsync([(benches, 36)], _ct);
        await (await RoundAs(QuadraticVotingRound, 6)).VoteAsync([(benches, 13)], _ct);

        await CancelWithRefundsAsync(fair);

        await MoveToAsync(schedule.FinalizeFrom);
        var bystander = await RoundAs(QuadraticFundingRound, 8);
        await bystander.FinalizeAsync(_ct);
        await bystander.ClaimAsync(kits, cancellationToken: _ct);
        await bystander.DistributeAsync(_ct);
        var tokens = await (await RoundAs(QuadraticFundingRound, 4)).ClaimTokensAsync(_ct);
        Track(tokens.Transaction, "tokens", Token, tokens.Amount, null);
        await bystander.SweepAsync(_ct);
        await (await RoundAs(QuadraticVotingRound, 8)).FinalizeAsync(_ct);
    }

    /// <summary>
    /// Matching money from 9 and contributions from 3 and 9, then two stewards cancel the round; 9 refuses ETH while the
    /// refunds are pushed (its refunds are kept) and withdraws them afterwards.
    /// </summary>
    private async Task CancelWithRefundsAsync(BigInteger project)
    {
        await (await RoundAs(CancelledRound, 9)).FundMatchingAsync(3 * Ether / 10, _ct);
        await (await RoundAs(CancelledRound, 3)).ContributeAsync(project, Ether / 10, _ct);
        await (await RoundAs(CancelledRound, 9)).ContributeAsync(project, Ether / 5, _ct);
        await (await RoundAs(CancelledRound, 0)).ApproveCancelAsync(_ct);
        await (await RoundAs(CancelledRound, 1)).ApproveCancelAsync(_ct);

        await SetCodeAsync(Account(9), RefusingCode);
        var bystander = await RoundAs(CancelledRound, 8);
        await bystander.RefundContributionsAsync(_ct);
        await bystander.RefundMatchingAsync(_ct);
        await SetCodeAsync(Account(9), "0x");
        await (await RoundAs(CancelledRound, 9)).WithdrawAsync(cancellationToken: _ct);
    }

    private Task<FundingRoundService> RoundAs(EthAddress round, int index) => FundingRoundService.ConnectAsync(Web3(index), round, _ct);

    /// <summary>Account <paramref name="applicant"/> applies for itself; steward <paramref name="reviewer"/> (if any) reviews.</summary>
    private async Task<BigInteger> ApplyAsync(EthAddress round, int applicant, string name, int? reviewer, bool approve)
    {
        var applied = await (await RoundAs(round, applicant)).ApplyAsync(Account(applicant), DetailsHash.Of(name), _ct);
        if (reviewer is { } steward) await (await RoundAs(round, steward)).ReviewAsync(applied.ProjectId, approve, _ct);
        return applied.ProjectId;
    }

    /// <summary>Replaces the code at <paramref name="account"/> (<c>anvil_setCode</c>); "0x" makes it a plain account again.</summary>
    private Task SetCodeAsync(EthAddress account, string code) =>
        Web3(0).Client.SendRequestAsync(new RpcRequest(Guid.NewGuid().ToString(), "anvil_setCode", account.Value, code));
}
