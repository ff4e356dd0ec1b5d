namespace AidDao.Cli.Bench;

/// <summary>One row of the gas report.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Operation">The function (or deployment).</param>
/// <param name="Case">What the call did.</param>
/// <param name="Gas">The whole transaction's gas from its receipt, or a note when it cannot be measured alone.</param>
/// <param name="Floor">A same-run baseline (see the report's notes), or "-".</param>
internal sealed record GasRow(string Contract, string Operation, string Case, string Gas, string Floor);
