using System.Numerics;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Signer;

namespace AidDao.Contracts.Tests.Support;

/// <summary>
/// More people than the ten dev accounts, for round tests: keys made on the spot (<see cref="EthECKey.GenerateKey()"/>),
/// each given <c>balance</c> wei with <c>anvil_setBalance</c> (amounts up to 1e24 wei need more than a dev account holds),
/// and the first <c>members</c> admitted to the community by steward 0 (the test community admits on one steward
/// approval). Membership is settled here, before any round opens.
/// </summary>
internal sealed class RoundCrowd
{
    private RoundCrowd(IReadOnlyList<RoundPerson> members, IReadOnlyList<RoundPerson> outsiders)
    {
        Members = members;
        Outsiders = outsiders;
        Everyone = [.. members, .. outsiders];
    }

    /// <summary>Admitted accounts (m0, m1, ...).</summary>
    public IReadOnlyList<RoundPerson> Members { get; }

    /// <summary>Accounts that are not members (o0, o1, ...).</summary>
    public IReadOnlyList<RoundPerson> Outsiders { get; }

    /// <summary>Members first, then outsiders.</summary>
    public IReadOnlyList<RoundPerson> Everyone { get; }

    /// <summary>Makes, funds and admits the crowd.</summary>
    public static async Task<RoundCrowd> CreateAsync(Devnet devnet, TestCommunity community, int members, int outsiders, BigInteger balance,
        CancellationToken cancellationToken)
    {
        var people = new List<RoundPerson>(members + outsiders);
        for (var i = 0; i < members + outsiders; i++)
        {
            var key = EthECKey.GenerateKey();
            var address = EthAddress.FromChain(key.GetPublicAddress());
            var web3 = SigningWeb3.Create(key.GetPrivateKey(), new BigInteger(devnet.ChainId), devnet.RpcUrl);
            people.Add(new RoundPerson(i < members ? $"m{i}" : $"o{i - members}", address, i < members, web3));
        }
        await Task.WhenAll(people.Select(p => SetBalanceAsync(devnet, p.Address, balance, cancellationToken)));
        foreach (var member in people.Take(members))
        {
            var admission = await community.As(0).AdmitMemberAsync(member.Address, cancellationToken);
            if (!admission.Admitted) throw new InvalidOperationException($"{member} was not admitted ({admission.Count} of {admission.Required} approvals).");
        }
        return new RoundCrowd([.. people.Take(members)], [.. people.Skip(members)]);
    }

    /// <summary>Sets <paramref name="account"/>'s ETH balance (<c>anvil_setBalance</c>).</summary>
    public static Task SetBalanceAsync(Devnet devnet, EthAddress account, BigInteger wei, CancellationToken cancellationToken)
    {
        var client = devnet.CreateWeb3(devnet.Accounts[0]).Client;
        return client.SendRequestAsync(new RpcRequest(Guid.NewGuid().ToString(), "anvil_setBalance", account.Value, new HexBigInteger(wei).HexValue))
            .WaitAsync(cancellationToken);
    }
}
