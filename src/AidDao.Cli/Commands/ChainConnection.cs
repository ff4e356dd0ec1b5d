using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using AidDao.Core.Wallets;
using Nethereum.Web3;

namespace AidDao.Cli.Commands;

/// <summary>A checked connection to a chain: the node answered, it is the chain asked for, and the signer (if any) is set.</summary>
internal sealed class ChainConnection
{
    private ChainConnection(IWeb3 web3, Uri rpcUrl, long chainId, EthAddress? signer)
    {
        Web3 = web3;
        RpcUrl = rpcUrl;
        ChainId = chainId;
        Signer = signer;
    }

    /// <summary>Web3 bound to the signer when there is one.</summary>
    public IWeb3 Web3 { get; }

    /// <summary>The node's URL.</summary>
    public Uri RpcUrl { get; }

    /// <summary>The node's chain id.</summary>
    public long ChainId { get; }

    /// <summary>Who signs transactions, or null for read-only use.</summary>
    public EthAddress? Signer { get; }

    /// <summary>
    /// Connects as the options say; <paramref name="needsSigner"/> requires a key: a dev account, else the <c>--wallet</c>
    /// keystore (unlocked with the password from its variable or a prompt), else the key variable. A read-only command
    /// leaves a <c>--wallet</c> locked.
    /// </summary>
    public static async Task<ChainConnection> OpenAsync(CliContext context, ChainOptions options, bool needsSigner, CancellationToken cancellationToken)
    {
        var rpcUrl = ParseRpcUrl(context.Get(options.Rpc) ?? Environment.GetEnvironmentVariable(DevnetOptions.RpcUrlEnvironmentVariable) ?? "http://127.0.0.1:8545");
        var readOnly = new Web3(rpcUrl.ToString());
        long chainId;
        try
        {
            chainId = (long)(await readOnly.Eth.ChainId.SendRequestAsync().WaitAsync(TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ChainUnavailableException($"Cannot reach a chain at {Redaction.Url(rpcUrl)}: is the node running (try 'aiddao up'), and is --rpc right?", exception);
        }
        if (context.Get(options.ChainId) is { } expected && expected != chainId)
            throw new AidDaoInputException($"The node at {Redaction.Url(rpcUrl)} is on chain {chainId}, not chain {expected}: check --rpc or --chain-id.");

        var devAccount = context.Get(options.DevAccount);
        if (!needsSigner && devAccount is null) return new ChainConnection(readOnly, rpcUrl, chainId, null);

        var key = devAccount is { } index ? DevKey(index, chainId)
            : context.Get(options.Wallet) is { } wallet ? WalletAccess.UnlockKey(context, options, wallet, cancellationToken)
            : EnvironmentKey(context.Get(options.KeyVariable));
        var web3 = SigningWeb3.Create(key, chainId, rpcUrl);
        return new ChainConnection(web3, rpcUrl, chainId, EthAddress.FromChain(web3.TransactionManager.Account.Address));
    }

    private static Uri ParseRpcUrl(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            return url;
        throw new AidDaoInputException($"'{Redaction.Input(text)}' is not an RPC URL: give one like http://127.0.0.1:8545.");
    }

    private static string DevKey(int index, long chainId)
    {
        if (chainId != DevnetOptions.DefaultChainId)
            throw new AidDaoInputException($"--dev-account works only on the local dev chain ({DevnetOptions.DefaultChainId}); this node is chain {chainId}. Use --key-env instead.");
        if (index < 0 || index >= AnvilDevAccounts.All.Count)
            throw new AidDaoInputException($"--dev-account {index} does not exist: use 0 to {AnvilDevAccounts.All.Count - 1}.");
        return AnvilDevAccounts.All[index].PrivateKey;
    }

    private static string EnvironmentKey(string variable)
    {
        var key = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(key))
            throw new AidDaoInputException($"No signing key: use --wallet NAME, set the environment variable {Redaction.Input(variable)} to your private key, or use --dev-account N on a local dev chain.");
        return PrivateKeyText.Parse(key, $"The value of {Redaction.Input(variable)}");
    }
}
