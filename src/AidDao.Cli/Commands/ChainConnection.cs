using System.Globalization;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using AidDao.Core.Wallets;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace AidDao.Cli.Commands;

/// <summary>A checked connection to a chain: the node answered, it is the chain asked for, and the signer (if any) is set.</summary>
internal sealed class ChainConnection
{
    /// <summary>How long each URL has to answer the first request.</summary>
    private static readonly TimeSpan ChainIdTimeout = TimeSpan.FromSeconds(20);

    private ChainConnection(IWeb3 web3, Uri rpcUrl, long chainId, EthAddress? signer, ChainProfile? profile)
    {
        Web3 = web3;
        RpcUrl = rpcUrl;
        ChainId = chainId;
        Signer = signer;
        Profile = profile;
    }

    /// <summary>Web3 bound to the signer when there is one; over several URLs it falls back from one to the next.</summary>
    public IWeb3 Web3 { get; }

    /// <summary>The URL of the node that answered first.</summary>
    public Uri RpcUrl { get; }

    /// <summary>The node's chain id.</summary>
    public long ChainId { get; }

    /// <summary>Who signs transactions, or null for read-only use.</summary>
    public EthAddress? Signer { get; }

    /// <summary>The network chosen with <c>--network</c>, or null when none was.</summary>
    public ChainProfile? Profile { get; }

    /// <summary>Blocks to stay behind the head: the network's confirmations, else 0 on the local dev chain and 12 elsewhere.</summary>
    public int DefaultConfirmations => Profile?.Confirmations ?? (ChainId == DevnetOptions.DefaultChainId ? 0 : 12);

    /// <summary>The network's name and chain, for messages: "sepolia (chain 11155111)", or "chain 4242".</summary>
    public string Description => Profile is { } profile
        ? string.Create(CultureInfo.InvariantCulture, $"{profile.Name} (chain {ChainId})")
        : string.Create(CultureInfo.InvariantCulture, $"chain {ChainId}");

    /// <summary>
    /// Connects as the options say; <paramref name="needsSigner"/> requires a key: a dev account, else the <c>--wallet</c>
    /// keystore (unlocked with the password from its variable or a prompt), else the key variable. A read-only command
    /// leaves a <c>--wallet</c> locked. With <c>--network</c> the node must be on the network's chain; its URLs are
    /// tried in order unless <c>--rpc</c> gives one.
    /// </summary>
    public static async Task<ChainConnection> OpenAsync(CliContext context, ChainOptions options, bool needsSigner, CancellationToken cancellationToken)
    {
        var (profile, urls) = Endpoints(context, options);
        var fallback = urls.Count > 1 ? new FallbackRpcClient(urls) : null;
        var readOnly = fallback is null ? new Web3(urls[0].ToString()) : new Web3(fallback);
        long chainId;
        try
        {
            chainId = (long)(await readOnly.Eth.ChainId.SendRequestAsync().WaitAsync(ChainIdTimeout * urls.Count, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(context.Get(options.Rpc) is null ? profile : null, urls, exception);
        }
        var rpcUrl = fallback?.CurrentUrl ?? urls[0];
        if (profile is not null && chainId != profile.ChainId)
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"The node at {Redaction.Url(rpcUrl)} is on chain {chainId}, but network '{profile.Name}' is chain {profile.ChainId}: check --rpc or --network."));
        if (context.Get(options.ChainId) is { } expected && expected != chainId)
            throw new AidDaoInputException($"The node at {Redaction.Url(rpcUrl)} is on chain {chainId}, not chain {expected}: check --rpc or --chain-id.");
        fallback?.ExpectChainId(chainId);

        var devAccount = context.Get(options.DevAccount);
        if (!needsSigner && devAccount is null) return new ChainConnection(readOnly, rpcUrl, chainId, null, profile);

        var key = devAccount is { } index ? DevKey(index, chainId)
            : context.Get(options.Wallet) is { } wallet ? WalletAccess.UnlockKey(context, options, wallet, cancellationToken)
            : EnvironmentKey(context.Get(options.KeyVariable));
        var web3 = fallback is null ? SigningWeb3.Create(key, chainId, rpcUrl) : SigningWeb3.Create(key, chainId, (IClient)fallback);
        return new ChainConnection(web3, rpcUrl, chainId, EthAddress.FromChain(web3.TransactionManager.Account.Address), profile);
    }

    /// <summary>The chosen network (if any) and the URLs to try: <c>--rpc</c>, else the network's, else the variable or the default.</summary>
    private static (ChainProfile? Profile, IReadOnlyList<Uri> Urls) Endpoints(CliContext context, ChainOptions options)
    {
        var rpc = context.Get(options.Rpc);
        if (context.Get(options.Network) is not { } name)
            return (null, [ParseRpcUrl(rpc ?? Environment.GetEnvironmentVariable(DevnetOptions.RpcUrlEnvironmentVariable) ?? "http://127.0.0.1:8545")]);
        var profile = ChainProfiles.Load(context.Get(options.NetworksFile)).Get(name);
        if (context.Get(options.ChainId) is { } given && given != profile.ChainId)
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"--chain-id {given} contradicts --network {profile.Name}, which is chain {profile.ChainId}: leave one of them out."));
        return (profile, rpc is null
            ? profile.ResolveRpcUrls(secretVariables: [context.Get(options.KeyVariable), context.Get(options.PasswordVariable)])
            : [ParseRpcUrl(rpc)]);
    }

    /// <summary>The error for a node that did not answer; <paramref name="profile"/> is the network whose URLs were tried, if any.</summary>
    private static ChainUnavailableException Unreachable(ChainProfile? profile, IReadOnlyList<Uri> urls, Exception exception)
    {
        if (profile is null)
            return new ChainUnavailableException($"Cannot reach a chain at {Redaction.Url(urls[0])}: is the node running (try 'aiddao up'), and is --rpc right?", exception);
        var detail = urls.Count > 1 && exception is ChainUnavailableException ? exception.Message : $"No answer from {Redaction.Url(urls[0])}.";
        return new ChainUnavailableException(
            $"Cannot reach network '{profile.Name}': {detail} Check the connection and the network's RPC URLs (networks file), or give --rpc.", exception);
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
