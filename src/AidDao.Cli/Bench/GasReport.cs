using System.Text;

namespace AidDao.Cli.Bench;

/// <summary>Renders gas rows as the markdown table of docs/gas.md.</summary>
internal static class GasReport
{
    /// <summary>The table header.</summary>
    public const string Header = "| Contract | Operation | Case | Gas | Floor |";

    /// <summary>The table alone.</summary>
    public static string Table(IEnumerable<GasRow> rows)
    {
        var builder = new StringBuilder().AppendLine(Header).AppendLine("|---|---|---|---:|---:|");
        foreach (var row in rows) builder.AppendLine($"| {row.Contract} | {row.Operation} | {row.Case} | {row.Gas} | {row.Floor} |");
        return builder.ToString();
    }

    /// <summary>The whole document.</summary>
    public static string ToMarkdown(IReadOnlyList<GasRow> rows) =>
        new StringBuilder()
            .AppendLine("# Gas report")
            .AppendLine()
            .AppendLine("Regenerate with `dotnet run --project src/AidDao.Cli -- bench gas` (starts its own local Anvil chain; takes a few seconds).")
            .AppendLine("Gas is the whole transaction's `gasUsed` from its receipt on the local chain (Anvil 1.7.1; solc-js 0.8.28, optimizer 200 runs, EVM cancun). Gas is deterministic for the same contracts.")
            .AppendLine("Floor is a baseline measured in the same run, on `contracts/test/GasFloor.sol` (never deployed by the product) or a plain transfer:")
            .AppendLine()
            .AppendLine("- creating a community: two bare EIP-1167 clones without any set-up (`GasFloor.cloneTwo`);")
            .AppendLine("- minting (mint, attestHours): a plain OpenZeppelin ERC-20 mint without votes or checks, to a new holder or to an existing one;")
            .AppendLine("- one recorded decision (admission approvals, vouches, proposals, aid requests, pool decisions and changes): one storage write and one event (`GasFloor.record`);")
            .AppendLine("- moving money: a plain ETH transfer between accounts (ETH deposits; ETH payouts add one recorded decision), a plain ERC-20 `transferFrom` (token deposits; token payouts add one recorded decision);")
            .AppendLine("- funding rounds: a minimal contract that only forwards the same value and emits one event (`GasFloor.forwardEth`, `GasFloor.forwardToken`), or one recorded decision. The issue's targets are in the case text.")
            .AppendLine()
            .AppendLine("Rows whose Gas is not a number cannot be sent on their own: they run inside another row's transaction, or always revert.")
            .AppendLine()
            .Append(Table(rows))
            .ToString();
}
