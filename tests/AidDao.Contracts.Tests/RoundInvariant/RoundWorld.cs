using System.Numerics;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Chain;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>
/// The invariant test's world: one round of the usual test community (stewards 0, 1, 2 with M = 2; members 3, 4, 5),
/// built by <see cref="RoundBuilder"/> with a minimum of 1 wei, and its parties, numbered: 0 to 9 the dev accounts, then
/// two fresh members, two fresh outsiders and one fresh recipient per project (a key the test holds, so it can claim).
/// Every party gets 10^30 wei. Project k (1 to <see cref="Projects"/>) is applied for by dev account 6 and approved by
/// steward 0; project <see cref="RejectedProject"/> is applied for by dev account 7 and rejected by steward 1;
/// <see cref="UnknownProject"/> was never applied for. The chain is then moved to the voting window.
/// </summary>
internal sealed class RoundWorld
{
    public const int DevAccounts = 10;
    public const int Funder = 9;
    private static readonly BigInteger Balance = BigInteger.Pow(10, 30);

    private readonly Nethereum.Web3.Web3 _reader;
    private readonly Dictionary<string, string> _names;

    private RoundWorld(Devnet devnet, TestRound round, IReadOnlyList<RoundPerson> parties, int projects)
    {
        _reader = devnet.CreateWeb3(devnet.Accounts[0]);
        Round = round;
        Parties = parties;
        Projects = projects;
        _names = parties.ToDictionary(p => p.Address.Value.ToUpperInvariant(), p => p.Name);
    }

    public TestRound Round { get; }

    public IReadOnlyList<RoundPerson> Parties { get; }

    /// <summary>Approved projects, ids 1 to this.</summary>
    public int Projects { get; }

    public int RejectedProject => Projects + 1;

    public int UnknownProject => Projects + 2;

    /// <summary>Parties who contribute: the dev accounts except the funder, and the fresh members and outsiders.</summary>
    public static IReadOnlyList<int> Contributors { get; } = [.. Enumerable.Range(0, DevAccounts + 4).Where(p => p != Funder)];

    /// <summary>The party that receives project <paramref name="project"/>'s money.</summary>
    public static int RecipientOf(int project) => DevAccounts + 3 + project;

    /// <summary>The party (dev account 6) that applies for every project.</summary>
    public const int Applicant = 6;

    public bool IsMember(int party) => Parties[party].IsMember;

    public static bool IsSteward(int party) => party is >= 0 and <= 2;

    public RoundContract As(int party) => Parties[party].On(Round.Address);

    /// <summary>A party's label for an address the chain reported (the address itself if it is nobody's).</summary>
    public string NameOf(string address) => _names.GetValueOrDefault(address.ToUpperInvariant(), address);

    public static async Task<RoundWorld> CreateAsync(Devnet devnet, RoundBuilder builder, int projects, CancellationToken ct)
    {
        var round = await builder.WithMinimum(1).BuildAsync(ct);
        var crowd = await RoundCrowd.CreateAsync(devnet, round.Community, 2, 2 + projects, Balance, ct);
        var dev = devnet.Accounts.Select(a => new RoundPerson($"#{a.Index}", EthAddress.FromChain(a.Address), a.Index <= 5, devnet.CreateWeb3(a)));
        var recipients = crowd.Outsiders.Skip(2).Select((p, k) => p with { Name = $"r{k + 1}" });
        RoundPerson[] parties = [.. dev, .. crowd.Members, .. crowd.Outsiders.Take(2), .. recipients];
        await Task.WhenAll(parties.Take(DevAccounts).Select(p => RoundCrowd.SetBalanceAsync(devnet, p.Address, Balance, ct)));

        var world = new RoundWorld(devnet, round, parties, projects);
        for (var k = 1; k <= projects; k++)
            await round.ReviewAsync(0, await round.ApplyAsync(Applicant, parties[RecipientOf(k)].Address.Value), approve: true);
        await round.ReviewAsync(1, await round.ApplyAsync(7, round.AddressOf(7)), approve: false);
        await round.MoveToVotingAsync();
        return world;
    }

    /// <summary>The round's ETH balance.</summary>
    public Task<BigInteger> BalanceAsync() => Round.BalanceAsync(Round.Address.Value);

    /// <summary>The latest block's number and timestamp.</summary>
    public async Task<(long Number, ulong Time)> LatestBlockAsync()
    {
        var block = await _reader.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return ((long)block.Number.Value, (ulong)block.Timestamp.Value);
    }

    /// <summary>The round's logs in blocks [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public Task<FilterLog[]> LogsAsync(long from, long to) => _reader.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
    {
        Address = [Round.Address.Value],
        FromBlock = new BlockParameter(new HexBigInteger(from)),
        ToBlock = new BlockParameter(new HexBigInteger(to)),
    });

    /// <summary>The next mined block (and calls estimated for it) gets timestamp <paramref name="time"/>.</summary>
    public Task SetNextBlockTimeAsync(ulong time) => RpcAsync("evm_setNextBlockTimestamp", (long)time);

    /// <summary>Mines an empty block at <paramref name="time"/>.</summary>
    public async Task MineAtAsync(ulong time)
    {
        await SetNextBlockTimeAsync(time);
        await RpcAsync("evm_mine");
    }

    private Task<object> RpcAsync(string method, params object[] parameters) =>
        _reader.Client.SendRequestAsync<object>(new RpcRequest(Guid.NewGuid().ToString(), method, parameters));
}
