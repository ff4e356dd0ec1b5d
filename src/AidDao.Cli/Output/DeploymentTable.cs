using System.Globalization;
using System.Numerics;
using AidDao.Core.Communities;
using AidDao.Core.Pools;

namespace AidDao.Cli.Output;

/// <summary><c>aiddao deploy</c> as plain text: the plan before sending (gas, fee, cost, balance) and the contracts after.</summary>
internal static class DeploymentTable
{
    /// <summary>The contract's name as people read it.</summary>
    public static string Name(AidDaoContract contract) => contract switch
    {
        AidDaoContract.CommunityImplementation => "Community implementation",
        AidDaoContract.TokenImplementation => "Token implementation",
        AidDaoContract.PoolImplementation => "Pool implementation",
        AidDaoContract.CommunityFactory => "CommunityFactory",
        AidDaoContract.RoundImplementation => "Round implementation",
        AidDaoContract.RoundFactory => "RoundFactory",
        _ => contract.ToString(),
    };

    /// <summary>The plan: one row per transaction, the totals, the fee, the cost and the balance in <paramref name="symbol"/>.</summary>
    public static string Plan(AidDaoDeploymentPlan plan, string where, string symbol)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = new TextTable("CONTRACT", "ADDRESS", "GAS>");
        foreach (var contract in plan.Contracts)
            table.Add(Name(contract.Contract), contract.Address.Value, Gas(contract.GasEstimate) + (contract.IsUpperBound ? " (at most)" : ""));
        table.Add("Total", "", Gas(plan.TotalGas));
        var fee = plan.Fee.IsEip1559
            ? $"{Gwei(plan.Fee.MaxFeePerGas)} at most (base fee {Gwei(plan.Fee.BaseFee ?? 0)} + tip {Gwei(plan.Fee.MaxPriorityFeePerGas!.Value)}; EIP-1559)"
            : $"{Gwei(plan.Fee.MaxFeePerGas)} (gas price)";
        var bounds = plan.Contracts.Any(c => c.IsUpperBound)
            ? "; this node cannot estimate the factories before the implementations exist, so their gas is a bound"
            : "";
        var l1 = plan.L1DataFee.IsZero ? "" : ", plus twice the L1 data fee";
        List<(string, string)> fields =
        [
            ("Fee per gas", fee),
            ("Cost", $"about {TokenAmount.Format(plan.ExpectedCost, 18, symbol)}, at most {TokenAmount.Format(plan.MaxCost, 18, symbol)} "
                + $"(gas limits {Gas(plan.TotalGasLimit)} with AidDao's margin at the maximum fee{l1}){bounds}"),
            ("Balance", TokenAmount.Format(plan.Balance, 18, symbol)),
        ];
        if (!plan.L1DataFee.IsZero)
            fields.Insert(1, ("L1 data fee", $"about {TokenAmount.Format(plan.L1DataFee, 18, symbol)} (OP Stack: publishing the transactions on Ethereum, as the chain's GasPriceOracle quotes it)"));
        return string.Join(Environment.NewLine,
            $"Deploying AidDao to {where} as {plan.Deployer}:",
            table.ToString(),
            "",
            TextTable.Fields([.. fields]));
    }

    /// <summary>The contracts mined before a deployment stopped, and where they are recorded as incomplete.</summary>
    public static string Incomplete(IReadOnlyDictionary<AidDaoContract, DeployedContract> mined, string recordPath)
    {
        ArgumentNullException.ThrowIfNull(mined);
        var table = new TextTable("MINED BEFORE IT STOPPED", "ADDRESS", "BLOCK>", "TRANSACTION");
        foreach (var (contract, deployed) in mined.OrderBy(m => m.Key))
            table.Add(Name(contract), deployed.Address.Value, deployed.Block.ToString(CultureInfo.InvariantCulture), deployed.TransactionHash);
        return string.Join(Environment.NewLine, table.ToString(), "", TextTable.Fields(("Record", $"{recordPath} (incomplete)")));
    }

    /// <summary>The deployed contracts and where the record is.</summary>
    public static string Result(AidDaoDeployment deployment, string recordPath)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return TextTable.Fields(
            ("Chain", deployment.ChainId.ToString(CultureInfo.InvariantCulture)),
            ("CommunityFactory", deployment.CommunityFactory.Value),
            ("Community implementation", deployment.CommunityImplementation.Value),
            ("Token implementation", deployment.TokenImplementation.Value),
            ("Pool implementation", deployment.PoolImplementation.Value),
            ("RoundFactory", deployment.RoundFactory.Value),
            ("Round implementation", deployment.RoundImplementation.Value),
            ("Record", recordPath));
    }

    /// <summary>A gas amount with thousands separators.</summary>
    public static string Gas(BigInteger gas) => gas.ToString("N0", CultureInfo.InvariantCulture);

    private static string Gwei(BigInteger wei) => TokenAmount.Format(wei, 9, "gwei");
}
