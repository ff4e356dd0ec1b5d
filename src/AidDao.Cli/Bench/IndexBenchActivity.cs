using System.Numerics;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Core.Chain;
using Nethereum.Contracts;
using PoolApproveFunction = AidDao.Contracts.EmergencyPool.ContractDefinition.ApproveFunction;
using PoolCancelFunction = AidDao.Contracts.EmergencyPool.ContractDefinition.CancelFunction;

namespace AidDao.Cli.Bench;

/// <summary>
/// What the neighbours of the index-benchmark community do, one block of transactions at a time (<see cref="StepAsync"/>):
/// mostly round contributions and votes (<see cref="IndexBenchRounds"/>), plus pool deposits, volunteer hours, member
/// admissions, matching funds, and now and then an aid request that two stewards approve and the pool pays (or two
/// reject, or the requester withdraws) a few blocks later. Events are counted at least (ERC20Votes adds one more on a
/// holder's first mint), so the caller can spread a target over the blocks.
/// </summary>
internal sealed class IndexBenchActivity(BenchTransactionQueue queue, IndexBenchCast cast, IndexBenchRounds rounds, string community, string token, string pool,
    Random random)
{
    private const double BurstShare = 0.25;
    private const int RequestEvery = 10;
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private readonly List<DevAccount> _members = [.. cast.Applicants, .. cast.Neighbours.Take(IndexBenchCast.FoundingNeighbours)];
    private readonly List<DevAccount> _joining = [];
    private readonly List<(int Step, DevAccount From, byte[] Data, long Gas, string Description, int Events)> _followUps = [];
    private int _nextNewcomer = IndexBenchCast.FoundingNeighbours;
    private int _keylessCandidates;
    private int _requests;
    private int _step;
    private double _burstAllowance;

    /// <summary>The opening money: a 20 ETH pool deposit and 5 ETH of matching funds for every round (queued, not mined).</summary>
    public async Task FundAsync(CancellationToken ct)
    {
        await queue.AddAsync(cast.Applicants[^1].Address, pool, new DepositFunction().GetCallData(), 20 * Ether, 300_000, "opening pool deposit", 4, ct)
            .ConfigureAwait(false);
        await rounds.FundAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues one block's worth of activity: decisions on earlier aid requests that are due, a new request one step in
    /// ten, a big donation when the burst allowance (a quarter of every budget, saved up) covers the next one, then
    /// random actions until the rest of <paramref name="eventBudget"/> is queued (at least one action).
    /// </summary>
    public async Task StepAsync(double eventBudget, CancellationToken ct)
    {
        _step++;
        _members.AddRange(_joining);
        _joining.Clear();
        var events = 0;
        foreach (var due in _followUps.Where(f => f.Step <= _step).ToList())
        {
            _followUps.Remove(due);
            await queue.AddAsync(due.From.Address, pool, due.Data, 0, due.Gas, due.Description, due.Events, ct).ConfigureAwait(false);
            events += due.Events;
        }
        if (random.Next(RequestEvery) == 0) events += await RequestAidAsync(ct).ConfigureAwait(false);
        _burstAllowance += eventBudget * BurstShare;
        _burstAllowance -= await rounds.BurstAsync(_burstAllowance, ct).ConfigureAwait(false);
        var budget = eventBudget * (1 - BurstShare);
        do
        {
            var roll = random.Next(100);
            var added = roll switch
            {
                < 75 => await rounds.ContributeAsync(budget - events, ct).ConfigureAwait(false),
                < 89 => await rounds.VoteAsync(_members[random.Next(_members.Count)].Address, ct).ConfigureAwait(false),
                < 94 => await DepositAsync(ct).ConfigureAwait(false),
                < 98 => await AttestHoursAsync(ct).ConfigureAwait(false),
                < 99 => await AdmitAsync(ct).ConfigureAwait(false),
                _ => await rounds.FundMatchingAsync(ct).ConfigureAwait(false),
            };
            events += added == 0 ? await DepositAsync(ct).ConfigureAwait(false) : added;
        }
        while (events < budget);
    }

    private async Task<int> DepositAsync(CancellationToken ct)
    {
        var donor = random.Next(4) == 0 ? cast.Applicants[random.Next(cast.Applicants.Count)] : cast.Neighbours[random.Next(cast.Neighbours.Count)];
        await queue.AddAsync(donor.Address, pool, new DepositFunction().GetCallData(), Ether / 100 * random.Next(10, 201), 300_000, $"pool deposit from {donor.Address}", 4, ct)
            .ConfigureAwait(false);
        return 4;
    }

    private async Task<int> AttestHoursAsync(CancellationToken ct)
    {
        var steward = cast.Stewards[random.Next(cast.Stewards.Count)];
        var volunteer = _members[random.Next(_members.Count)];
        var data = new AttestHoursFunction { Volunteer = volunteer.Address, HoursWorked = random.Next(1, 13), EvidenceHash = Bytes32() }.GetCallData();
        await queue.AddAsync(steward.Address, token, data, 0, 280_000, $"attestHours for {volunteer.Address}", 3, ct).ConfigureAwait(false);
        return 3;
    }

    /// <summary>One request a step at most, so request ids follow block order and a requester can withdraw their own.</summary>
    private async Task<int> RequestAidAsync(CancellationToken ct)
    {
        var requester = _members[random.Next(_members.Count)];
        var recipient = random.Next(10) < 7 ? requester.Address : IndexBenchCast.Keyless("aid recipient", _requests);
        var data = new RequestAidFunction
        {
            Asset = Core.EthAddress.Zero.Value, Amount = Ether / 100 * random.Next(1, 31), Recipient = recipient, Urgency = (byte)random.Next(1, 6), DetailsHash = Bytes32(),
        }.GetCallData();
        await queue.AddAsync(requester.Address, pool, data, 0, 220_000, $"requestAid by {requester.Address}", 1, ct).ConfigureAwait(false);
        var id = ++_requests;
        var stewards = cast.Stewards.OrderBy(_ => random.Next()).Take(2).ToList();
        var roll = random.Next(100);
        if (roll < 75)
        {
            var first = _step + random.Next(1, 6);
            _followUps.Add((first, stewards[0], new PoolApproveFunction { RequestId = id }.GetCallData(), 300_000, $"approve aid request {id}", 1));
            _followUps.Add((first + random.Next(0, 6), stewards[1], new PoolApproveFunction { RequestId = id }.GetCallData(), 300_000, $"approve and pay aid request {id}", 2));
        }
        else if (roll < 90)
        {
            foreach (var steward in stewards)
                _followUps.Add((_step + random.Next(1, 8), steward, new RejectFunction { RequestId = id }.GetCallData(), 150_000, $"reject aid request {id}", 1));
        }
        else
        {
            _followUps.Add((_step + random.Next(1, 8), requester, new PoolCancelFunction { RequestId = id }.GetCallData(), 120_000, $"withdraw aid request {id}", 1));
        }
        return 1;
    }

    private async Task<int> AdmitAsync(CancellationToken ct)
    {
        var steward = cast.Stewards[random.Next(cast.Stewards.Count)];
        string candidate;
        if (_nextNewcomer < cast.Neighbours.Count)
        {
            var newcomer = cast.Neighbours[_nextNewcomer++];
            _joining.Add(newcomer);
            candidate = newcomer.Address;
        }
        else
        {
            candidate = IndexBenchCast.Keyless("candidate", _keylessCandidates++);
        }
        await queue.AddAsync(steward.Address, community, new ApproveAdmissionFunction { Candidate = candidate }.GetCallData(), 0, 160_000, $"approveAdmission of {candidate}", 2, ct)
            .ConfigureAwait(false);
        return 2;
    }

    private byte[] Bytes32()
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
