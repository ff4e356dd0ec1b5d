using System.Globalization;
using AidDao.Cli.Output;
using AidDao.Core.Chain;
using AidDao.Core.Communities;

namespace AidDao.Cli.Commands;

/// <summary>One line per deployment transaction sent (with the explorer link when the network has one) and mined.</summary>
internal sealed class DeploymentProgress(TextWriter writer, ChainProfile? profile) : IProgress<DeploymentStep>
{
    /// <inheritdoc />
    public void Report(DeploymentStep value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"[{value.Number}/{value.Count}] {DeploymentTable.Name(value.Contract)}:");
        if (value.Mined is { } mined)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix} mined in block {mined.BlockNumber} (gas {DeploymentTable.Gas(mined.GasUsed)})."));
            return;
        }
        var link = profile?.ExplorerLink(value.TransactionHash);
        writer.WriteLine($"{prefix} sent {value.TransactionHash}{(link is null ? "" : $" ({link})")}, waiting for it to be mined...");
    }
}
