using Nethereum.Web3;

namespace AidDao.Core.Transactions;

/// <summary>Checks that an address holds a contract before AidDao talks to it as one.</summary>
public static class ContractCode
{
    /// <summary>
    /// Throws <see cref="AidDaoInputException"/> when <paramref name="address"/> has no code on the chain of
    /// <paramref name="web3"/>; <paramref name="what"/> names what was expected there (e.g. "CommunityFactory").
    /// </summary>
    public static async Task RequireAsync(IWeb3 web3, EthAddress address, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        var code = await ChainCall.QueryAsync(() => web3.Eth.GetCode.SendRequestAsync(address.Value), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(code) || code == "0x")
            throw new AidDaoInputException($"There is no {what} at {address} on this chain: check the address and the RPC URL (network).");
    }
}
