using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;

namespace AidDao.Cli.Commands;

/// <summary>
/// What <c>aiddao round</c> reads from the command line: project ids, per-project amounts or credits
/// (<c>--project 2</c> or <c>--project 2=0.1</c>), modes, caps in percent and application details. Every mistake is an
/// <see cref="AidDaoInputException"/> (exit code 2), raised before anything is sent.
/// </summary>
internal static class RoundInput
{
    /// <summary>A project id: a whole number from 1.</summary>
    public static BigInteger ProjectId(string text) => PoolInput.Id(text, "project id");

    /// <summary>
    /// The projects and what each receives: each <c>--project</c> value is an id (which takes <paramref name="shared"/>,
    /// the command's amount argument) or <c>ID=VALUE</c>. Values are returned as typed, checked by
    /// <paramref name="checkValue"/>; each project may appear once.
    /// </summary>
    public static List<(BigInteger ProjectId, string Value)> Allocations(string? shared, IReadOnlyList<string> projects, string what, Action<string> checkValue)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(checkValue);
        if (projects.Count == 0) throw new AidDaoInputException($"Name the project(s) with --project ID (or --project ID={what.ToUpperInvariant()}).");
        var allocations = new List<(BigInteger ProjectId, string Value)>(projects.Count);
        var sharedUsed = false;
        foreach (var spec in projects)
        {
            var parts = spec.Split('=', 2, StringSplitOptions.TrimEntries);
            var id = ProjectId(parts[0]);
            string value;
            if (parts.Length == 2)
            {
                value = parts[1];
            }
            else
            {
                value = shared ?? throw new AidDaoInputException(
                    $"How much for project {id}? Give the {what} once for all projects (e.g. '0.1 --project {id}') or per project ('--project {id}=0.1').");
                sharedUsed = true;
            }
            checkValue(value);
            if (allocations.Any(a => a.ProjectId == id)) throw new AidDaoInputException($"Project {id} is named twice; name each project once.");
            allocations.Add((id, value));
        }
        if (shared is not null && !sharedUsed)
            throw new AidDaoInputException($"The {what} '{Redaction.Input(shared)}' is not used: every --project has its own {what} (ID={what.ToUpperInvariant()}).");
        return allocations;
    }

    /// <summary>Voice credits: a whole number from 1.</summary>
    public static BigInteger Credits(string text)
    {
        if (BigInteger.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var credits) && credits.Sign > 0) return credits;
        throw new AidDaoInputException($"'{Redaction.Input(text)}' is not a number of voice credits: give a whole number from 1.");
    }

    /// <summary><c>qf</c> (quadratic funding) or <c>qv</c> (quadratic voting).</summary>
    public static RoundMode Mode(string text) => text.Trim().ToUpperInvariant() switch
    {
        "QF" => RoundMode.QuadraticFunding,
        "QV" => RoundMode.QuadraticVoting,
        _ => throw new AidDaoInputException($"--mode '{Redaction.Input(text)}' is not a round mode: use qf (quadratic funding) or qv (quadratic voting)."),
    };

    /// <summary>A cap as a percentage of the matching pool ("25", "25%", "12.5%"), in basis points; 0 = no cap.</summary>
    public static int CapBasisPoints(string text)
    {
        var number = text.Trim().TrimEnd('%');
        BigInteger basisPoints;
        try
        {
            basisPoints = TokenAmount.Parse(number, 2);
        }
        catch (AidDaoInputException exception)
        {
            throw new AidDaoInputException($"--cap '{Redaction.Input(text)}' is not a percentage: write one such as 25 or 12.5% (0 = no cap).", exception);
        }
        if (basisPoints > 10_000) throw new AidDaoInputException($"--cap {Redaction.Input(text)} is over 100%: a project cannot receive more than the whole matching pool.");
        return (int)basisPoints;
    }

    /// <summary>A percentage from basis points: 2500 → "25%", 1250 → "12.5%".</summary>
    public static string Percent(int basisPoints) => TokenAmount.Format(basisPoints, 2) + "%";

    /// <summary>
    /// The hash of an application's text, from <c>--details</c> or <c>--details-file</c> (exactly one); the text itself is
    /// never sent.
    /// </summary>
    public static byte[] ApplicationHash(string? text, string? path)
    {
        if (text is null && path is null)
            throw new AidDaoInputException("An application needs its details: give --details TEXT or --details-file PATH (only their hash is sent; share the application with the stewards).");
        return PoolInput.DetailsHashOf(text, path);
    }

    /// <summary>The default minimum contribution: 0.001 of a whole unit, or one unit for assets with fewer than 3 decimals.</summary>
    public static BigInteger DefaultMinimum(PoolAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return asset.Decimals >= 3 ? BigInteger.Pow(10, asset.Decimals - 3) : BigInteger.One;
    }
}
