using System.Globalization;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Transactions;
using Nethereum.Web3;

namespace AidDao.Cli.Commands;

/// <summary>
/// Where <c>aiddao deploy</c> writes its record and where the other commands find it: <c>--deployment PATH</c>, else
/// <c>$AIDDAO_HOME/deployments/&lt;network&gt;.json</c> with <c>--network</c>, else <c>&lt;chain id&gt;.json</c> or the
/// record of any known network of the connected chain. When several of those exist and do not name the same
/// CommunityFactory, the lookup is ambiguous and refused (<c>--deployment PATH</c> picks one). A factory taken from a
/// record must still have code; an incomplete record (a deployment that stopped part-way) names none.
/// </summary>
internal static class DeploymentRecords
{
    /// <summary>Where <c>aiddao deploy</c> writes the record of the connected chain.</summary>
    public static string WritePath(CliContext context, ChainOptions options, ChainConnection connection) =>
        context.Get(options.Deployment) is { } given
            ? Path.GetFullPath(given)
            : DeploymentRecord.DefaultPath(connection.Profile?.Name ?? connection.ChainId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The record for the connected chain, or null when there is none. A record that is not valid, is for another chain
    /// or is incomplete, and records that disagree, are an <see cref="AidDaoInputException"/>. <paramref name="path"/>
    /// is where it was looked for first, or where it was found.
    /// </summary>
    public static DeploymentRecord? TryLoad(CliContext context, ChainOptions options, ChainConnection connection, out string path)
    {
        var candidates = Candidates(context, options, connection);
        path = candidates[0];
        var found = candidates.Where(File.Exists).Select(p => (Path: p, Record: DeploymentRecord.Load(p))).ToList();
        if (found.Count == 0) return null;
        foreach (var (file, record) in found)
        {
            if (record.ChainId != connection.ChainId)
                throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                    $"The deployment record {file} is for chain {record.ChainId}, but the node is on chain {connection.ChainId}: check --deployment, --network or --rpc."));
        }
        if (found.Select(f => f.Record.IsIncomplete ? f.Path : f.Record.CommunityFactory.Value).Distinct().Count() > 1)
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"There are {found.Count} deployment records for chain {connection.ChainId}, and they do not name the same CommunityFactory: "
                + $"{string.Join(" and ", found.Select(f => f.Path))}. Give the one to use with --deployment PATH (and move the other away)."));
        path = found[0].Path;
        if (found[0].Record is { IsIncomplete: true } incomplete)
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"The deployment record {path} is of a deployment that did not finish (it stopped after {incomplete.Contracts.Count} of "
                + $"{Enum.GetValues<AidDaoContract>().Length} contracts), so it names no factory to use: run 'aiddao deploy' again, or give --factory."));
        return found[0].Record;
    }

    /// <summary>
    /// The <paramref name="which"/> factory: <paramref name="given"/> (from <paramref name="option"/>) when there is one,
    /// else the record's. Either way the address must hold a contract; a record whose factory has none is stale.
    /// </summary>
    public static async Task<EthAddress> FactoryAsync(CliContext context, ChainOptions options, ChainConnection connection, EthAddress? given,
        AidDaoContract which, string option, CancellationToken cancellationToken)
    {
        var name = which == AidDaoContract.RoundFactory ? "RoundFactory" : "CommunityFactory";
        if (given is { } address)
        {
            await ContractCode.RequireAsync(connection.Web3, address, name, cancellationToken).ConfigureAwait(false);
            return address;
        }
        var record = TryLoad(context, options, connection, out var path) ?? throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
            $"No deployment record for chain {connection.ChainId} at {path}: run 'aiddao deploy' or give {option}."));
        var recorded = which == AidDaoContract.RoundFactory ? record.RoundFactory : record.CommunityFactory;
        if (!await HasCodeAsync(connection.Web3, recorded, cancellationToken).ConfigureAwait(false))
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"The deployment record {path} is stale: chain {connection.ChainId} has no {name} at {recorded} (was the chain reset?). Run 'aiddao deploy' again, or give {option}."));
        return recorded;
    }

    /// <summary>Whether <paramref name="address"/> holds code.</summary>
    public static async Task<bool> HasCodeAsync(IWeb3 web3, EthAddress address, CancellationToken cancellationToken)
    {
        var code = await ChainCall.QueryAsync(() => web3.Eth.GetCode.SendRequestAsync(address.Value), cancellationToken).ConfigureAwait(false);
        return !string.IsNullOrEmpty(code) && code != "0x";
    }

    /// <summary>Paths to look at, the one named in errors first.</summary>
    private static List<string> Candidates(CliContext context, ChainOptions options, ChainConnection connection)
    {
        if (context.Get(options.Deployment) is { } given) return [Path.GetFullPath(given)];
        if (connection.Profile is { } profile) return [DeploymentRecord.DefaultPath(profile.Name)];
        var candidates = new List<string> { DeploymentRecord.DefaultPath(connection.ChainId.ToString(CultureInfo.InvariantCulture)) };
        candidates.AddRange(ChainProfiles.Load(context.Get(options.NetworksFile)).ForChain(connection.ChainId).Select(p => DeploymentRecord.DefaultPath(p.Name)));
        return candidates;
    }
}
