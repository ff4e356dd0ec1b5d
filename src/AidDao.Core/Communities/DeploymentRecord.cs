using System.Reflection;
using AidDao.Core.Wallets;

namespace AidDao.Core.Communities;

/// <summary>
/// What <c>aiddao deploy</c> leaves behind for the other commands: which chain, who deployed, and every contract with
/// its creation block and transaction. Kept as JSON in <c>$AIDDAO_HOME/deployments/&lt;network or chain id&gt;.json</c>.
/// A deployment that stopped part-way leaves an incomplete record (<see cref="IsIncomplete"/>) listing only what was
/// mined: it names no usable factory, and a later deployment replaces it.
/// </summary>
/// <param name="Network">The network's name when deployed with <c>--network</c>, else null.</param>
/// <param name="ChainId">The chain.</param>
/// <param name="Deployer">The account that deployed.</param>
/// <param name="DeployedAt">When the last transaction was mined (as the deploying computer's clock saw it).</param>
/// <param name="AidDaoVersion">The AidDao version that deployed.</param>
/// <param name="Contracts">Every contract deployed (of an incomplete deployment: those mined before it stopped).</param>
public sealed record DeploymentRecord(
    string? Network,
    long ChainId,
    EthAddress Deployer,
    DateTimeOffset DeployedAt,
    string AidDaoVersion,
    IReadOnlyDictionary<AidDaoContract, DeployedContract> Contracts)
{
    /// <summary>The records' folder inside AidDao's folder.</summary>
    public const string DirectoryName = "deployments";

    /// <summary>
    /// Whether the deployment stopped before its last contract: <see cref="Contracts"/> holds only those mined, and the
    /// factories are not to be used (a CommunityFactory without its RoundFactory is not AidDao).
    /// </summary>
    public bool IsIncomplete { get; init; }

    /// <summary>The CommunityFactory; an incomplete record has none to use (<see cref="InvalidOperationException"/>).</summary>
    public EthAddress CommunityFactory => Usable(AidDaoContract.CommunityFactory);

    /// <summary>The RoundFactory; an incomplete record has none to use (<see cref="InvalidOperationException"/>).</summary>
    public EthAddress RoundFactory => Usable(AidDaoContract.RoundFactory);

    /// <summary>This build's version, as records name it.</summary>
    public static string CurrentVersion { get; } =
        typeof(DeploymentRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary><c>$AIDDAO_HOME/deployments/&lt;<paramref name="networkOrChainId"/>&gt;.json</c> (else under <c>~/.aiddao</c>).</summary>
    public static string DefaultPath(string networkOrChainId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(networkOrChainId);
        return Path.Combine(AidDaoHome.Directory(), DirectoryName, networkOrChainId + ".json");
    }

    /// <summary>The record of <paramref name="deployment"/> by <paramref name="deployer"/>, finished at <paramref name="deployedAt"/>.</summary>
    public static DeploymentRecord From(AidDaoDeployment deployment, string? network, EthAddress deployer, DateTimeOffset deployedAt)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var addresses = new Dictionary<AidDaoContract, EthAddress>
        {
            [AidDaoContract.CommunityImplementation] = deployment.CommunityImplementation,
            [AidDaoContract.TokenImplementation] = deployment.TokenImplementation,
            [AidDaoContract.PoolImplementation] = deployment.PoolImplementation,
            [AidDaoContract.CommunityFactory] = deployment.CommunityFactory,
            [AidDaoContract.RoundImplementation] = deployment.RoundImplementation,
            [AidDaoContract.RoundFactory] = deployment.RoundFactory,
        };
        // The transactions come in deployment order, which is the enum's order.
        var contracts = addresses.ToDictionary(a => a.Key, a =>
        {
            var transaction = deployment.Transactions[(int)a.Key];
            return new DeployedContract(a.Value, (long)transaction.BlockNumber, transaction.TransactionHash);
        });
        return new DeploymentRecord(network, deployment.ChainId, deployer, deployedAt, CurrentVersion, contracts);
    }

    /// <summary>
    /// The incomplete record of a deployment that stopped (<paramref name="stopped"/>): the contracts mined before it,
    /// marked <see cref="IsIncomplete"/>.
    /// </summary>
    public static DeploymentRecord Incomplete(DeploymentIncompleteException stopped, string? network, DateTimeOffset stoppedAt)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        return new DeploymentRecord(network, stopped.ChainId, stopped.Deployer, stoppedAt, CurrentVersion, stopped.Mined) { IsIncomplete = true };
    }

    /// <summary>
    /// Reads the record at <paramref name="path"/>; a file that cannot be read or is not a record is an
    /// <see cref="AidDaoInputException"/> naming the file and the problem.
    /// </summary>
    public static DeploymentRecord Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AidDaoInputException($"Cannot read the deployment record {path}: {exception.Message}", exception);
        }
        return DeploymentRecordJson.Read(json, path);
    }

    /// <summary>Writes the record to <paramref name="path"/> atomically (a temporary file renamed into place), creating its folder.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        PrivateFile.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        PrivateFile.Replace(path, ToJson());
    }

    /// <summary>The record as indented JSON.</summary>
    public string ToJson() => DeploymentRecordJson.Write(this);

    private EthAddress Usable(AidDaoContract contract) =>
        !IsIncomplete && Contracts.TryGetValue(contract, out var deployed)
            ? deployed.Address
            : throw new InvalidOperationException($"The deployment record is incomplete: it names no {contract} to use.");
}
