using System.CommandLine;

namespace AidDao.Cli.Commands;

/// <summary>
/// Options every chain-facing command takes: where the chain is (<c>--network</c> by name, or <c>--rpc</c>), which chain
/// it must be, who signs, and where the deployment record is. The signer is, in this order: <c>--dev-account</c>,
/// <c>--wallet</c>, the key in the <c>--key-env</c> variable.
/// </summary>
internal sealed class ChainOptions
{
    /// <summary>Default signing-key variable.</summary>
    public const string DefaultKeyVariable = "AIDDAO_PRIVATE_KEY";

    /// <summary>JSON-RPC URL.</summary>
    public Option<string?> Rpc { get; } = new("--rpc")
    {
        Description = "JSON-RPC URL of the chain (default: the --network's URLs, else $AIDDAO_RPC_URL, else http://127.0.0.1:8545).",
        Recursive = true,
    };

    /// <summary>A network by name.</summary>
    public Option<string?> Network { get; } = new("--network")
    {
        Description = "The network by name (ethereum, sepolia, base, base-sepolia, optimism, arbitrum, polygon, gnosis, local, ... or one from the networks file): "
            + "its RPC URLs (tried in order), chain id (required of the node) and confirmations.",
        Recursive = true,
    };

    /// <summary>The networks file.</summary>
    public Option<string?> NetworksFile { get; } = new("--networks-file")
    {
        Description = "A JSON file that adds or changes networks (default: $AIDDAO_HOME/networks.json, else ~/.aiddao/networks.json, when present).",
        Recursive = true,
    };

    /// <summary>The deployment record.</summary>
    public Option<string?> Deployment { get; } = new("--deployment")
    {
        Description = "The deployment record 'aiddao deploy' writes and other commands read for the factories "
            + "(default: $AIDDAO_HOME/deployments/<network or chain id>.json, else under ~/.aiddao).",
        Recursive = true,
    };

    /// <summary>Expected chain id.</summary>
    public Option<long?> ChainId { get; } = new("--chain-id")
    {
        Description = "Refuse to act unless the node is on this chain (e.g. 31337 for the local dev chain).",
        Recursive = true,
    };

    /// <summary>Environment variable with the signer's key.</summary>
    public Option<string> KeyVariable { get; } = new("--key-env")
    {
        Description = $"Environment variable that holds the signer's private key (default {DefaultKeyVariable}); keys are never taken as arguments.",
        DefaultValueFactory = _ => DefaultKeyVariable,
        Recursive = true,
    };

    /// <summary>Sign with a keystore from the wallet directory, or at a path.</summary>
    public Option<string?> Wallet { get; } = new("--wallet")
    {
        Description = "Sign with this wallet (a name from 'aiddao wallet list', or a keystore file's path); its password comes from --password-env or a prompt.",
        Recursive = true,
    };

    /// <summary>Where wallets are kept.</summary>
    public Option<string?> WalletDirectory { get; } = new("--wallet-dir")
    {
        Description = "Wallet directory (default: $AIDDAO_HOME/wallets, else ~/.aiddao/wallets).",
        Recursive = true,
    };

    /// <summary>Environment variable with the wallet password.</summary>
    public Option<string> PasswordVariable { get; } = new("--password-env")
    {
        Description = $"Environment variable that holds the wallet password (default {PasswordSource.DefaultVariable}); without it, a terminal prompt asks. Passwords are never taken as arguments.",
        DefaultValueFactory = _ => PasswordSource.DefaultVariable,
        Recursive = true,
    };

    /// <summary>Sign as a dev-chain account.</summary>
    public Option<int?> DevAccount { get; } = new("--dev-account")
    {
        Description = "Sign as local dev-chain account N (0-9); only on chain 31337.",
        Recursive = true,
    };

    /// <summary>Adds the options to <paramref name="command"/> and its sub-commands.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Rpc);
        command.Options.Add(Network);
        command.Options.Add(NetworksFile);
        command.Options.Add(ChainId);
        command.Options.Add(Deployment);
        command.Options.Add(KeyVariable);
        command.Options.Add(DevAccount);
        command.Options.Add(Wallet);
        command.Options.Add(WalletDirectory);
        command.Options.Add(PasswordVariable);
    }
}
