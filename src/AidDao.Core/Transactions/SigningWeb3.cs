using System.Numerics;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3.Accounts;

namespace AidDao.Core.Transactions;

/// <summary>Builds the Web3 client every AidDao signer uses: local signing and a gas margin (<see cref="GasMarginTransactionManager"/>).</summary>
public static class SigningWeb3
{
    /// <summary>A client at <paramref name="rpcUrl"/> that signs with <paramref name="privateKey"/> for chain <paramref name="chainId"/>.</summary>
    public static Nethereum.Web3.Web3 Create(string privateKey, BigInteger chainId, Uri rpcUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(privateKey);
        ArgumentNullException.ThrowIfNull(rpcUrl);
        var account = new Account(privateKey, chainId);
        var web3 = new Nethereum.Web3.Web3(account, rpcUrl.AbsoluteUri);
        web3.TransactionManager = new GasMarginTransactionManager(web3.Client, account, chainId);
        return web3;
    }

    /// <summary>
    /// A client over <paramref name="client"/> (for example a <see cref="Chain.FallbackRpcClient"/>) that signs with
    /// <paramref name="privateKey"/> for chain <paramref name="chainId"/>.
    /// </summary>
    public static Nethereum.Web3.Web3 Create(string privateKey, BigInteger chainId, IClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(privateKey);
        ArgumentNullException.ThrowIfNull(client);
        var account = new Account(privateKey, chainId);
        var web3 = new Nethereum.Web3.Web3(account, client);
        web3.TransactionManager = new GasMarginTransactionManager(web3.Client, account, chainId);
        return web3;
    }
}
