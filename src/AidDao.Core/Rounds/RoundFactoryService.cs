using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Web3;
using FactoryContract = AidDao.Contracts.RoundFactory.RoundFactoryService;

namespace AidDao.Core.Rounds;

/// <summary>
/// Creates a community's funding rounds through a deployed RoundFactory (<see cref="Communities.AidDaoDeployment.RoundFactory"/>)
/// and lists them.
/// </summary>
public sealed class RoundFactoryService
{
    private readonly IWeb3 _web3;
    private readonly FactoryContract _contract;

    /// <summary>Binds to the factory at <paramref name="factory"/>, acting as <paramref name="web3"/>'s account.</summary>
    public RoundFactoryService(IWeb3 web3, EthAddress factory)
    {
        ArgumentNullException.ThrowIfNull(web3);
        _web3 = web3;
        _contract = new FactoryContract(web3, factory.Value);
        Address = factory;
    }

    /// <summary>The factory contract.</summary>
    public EthAddress Address { get; }

    /// <summary>
    /// As a steward of <paramref name="community"/>, creates a round for it. Its emergency pool must be one of the
    /// community's pools and accept the round's asset. The round pays contribution tokens only after the community makes
    /// it a minter (<see cref="Communities.CommunityService.ProposeMinterAsync"/>).
    /// </summary>
    public async Task<CreatedRound> CreateRoundAsync(EthAddress community, RoundConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Validate();
        var now = await ChainClock.NowAsync(_web3, cancellationToken).ConfigureAwait(false);
        if (configuration.Schedule.VotingEnd <= now)
            throw new AidDaoInputException($"Voting would already be over (it ends {configuration.Schedule.VotingEnd:u}; the chain's time is {now:u}): give a schedule in the future.");
        var schedule = configuration.Schedule;
        var setup = new RoundSetup
        {
            Name = configuration.Name,
            Asset = configuration.Asset.Value,
            EmergencyPool = configuration.EmergencyPool.Value,
            ApplicationsStart = (ulong)schedule.ApplicationsStart.ToUnixTimeSeconds(),
            ApplicationsEnd = (ulong)schedule.ApplicationsEnd.ToUnixTimeSeconds(),
            VotingStart = (ulong)schedule.VotingStart.ToUnixTimeSeconds(),
            VotingEnd = (ulong)schedule.VotingEnd.ToUnixTimeSeconds(),
            ReviewPeriod = (ulong)schedule.ReviewPeriod.TotalSeconds,
            ClaimPeriod = (ulong)schedule.ClaimPeriod.TotalSeconds,
            MinimumContribution = configuration.MinimumContribution,
            MatchingCapBps = (ushort)configuration.CapBasisPoints,
            MaxProjects = (ushort)configuration.MaxProjects,
            SpreadWholePool = configuration.SpreadWholePool,
            Mode = (byte)configuration.Mode,
            CreditMode = (byte)configuration.CreditMode,
            CreditsPerMember = configuration.CreditsPerMember,
            TokenRate = configuration.TokenRate,
        };
        var receipt = await ChainCall.SendAsync(source => _contract.CreateRoundRequestAndWaitForReceiptAsync(community.Value, setup, source), cancellationToken).ConfigureAwait(false);
        var created = receipt.DecodeAllEvents<RoundCreatedEventDTO>().Single().Event;
        return new CreatedRound(EthAddress.FromChain(created.Round), community, (int)created.Index, receipt.Outcome());
    }

    /// <summary>The rounds of <paramref name="community"/>, in the order they were created.</summary>
    public async Task<IReadOnlyList<EthAddress>> GetRoundsAsync(EthAddress community, CancellationToken cancellationToken = default)
    {
        var count = (int)await ChainCall.QueryAsync(() => _contract.RoundCountQueryAsync(community.Value), cancellationToken).ConfigureAwait(false);
        var rounds = new List<EthAddress>(count);
        for (var i = 0; i < count; i++)
        {
            var index = i;
            rounds.Add(EthAddress.FromChain(await ChainCall.QueryAsync(() => _contract.RoundAtQueryAsync(community.Value, index), cancellationToken).ConfigureAwait(false)));
        }
        return rounds;
    }

    /// <summary>Whether this factory created <paramref name="round"/>.</summary>
    public Task<bool> IsRoundAsync(EthAddress round, CancellationToken cancellationToken = default) =>
        ChainCall.QueryAsync(() => _contract.IsRoundQueryAsync(round.Value), cancellationToken);
}
