using System.Diagnostics;

namespace AidDao.TestUtils;

/// <summary>
/// PostgreSQL and Redis for the tests: the servers named by <c>AIDDAO_TEST_POSTGRES</c> (an admin connection string) and
/// <c>AIDDAO_TEST_REDIS</c> (host:port), which <c>.ci/run</c> starts; else throwaway ones started once per test process
/// by <c>scripts/test-services.sh</c> (Debian's postgresql and redis-server packages) and stopped when it exits.
/// <c>AIDDAO_TEST_INDEX=postgres</c> moves the indexer and dashboard suites' indexes to PostgreSQL.
/// </summary>
public static class TestServices
{
    /// <summary>The variable with a PostgreSQL admin connection string (a server where tests may create databases).</summary>
    public const string PostgresVariable = "AIDDAO_TEST_POSTGRES";

    /// <summary>The variable with a Redis address (host:port).</summary>
    public const string RedisVariable = "AIDDAO_TEST_REDIS";

    /// <summary>The variable that selects the suites' index database: <c>postgres</c>, else SQLite.</summary>
    public const string IndexVariable = "AIDDAO_TEST_INDEX";

    private static readonly Lazy<Dictionary<string, string>> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The PostgreSQL server's admin connection string.</summary>
    public static string PostgresServer => Variable(PostgresVariable) ?? Started.Value[PostgresVariable];

    /// <summary>The Redis server's address, host:port.</summary>
    public static string Redis => Variable(RedisVariable) ?? Started.Value[RedisVariable];

    /// <summary>Whether the suites keep their indexes in PostgreSQL (<c>AIDDAO_TEST_INDEX=postgres</c>).</summary>
    public static bool IndexOnPostgres => Variable(IndexVariable) is { } kind && kind switch
    {
        "postgres" => true,
        "sqlite" => false,
        _ => throw new InvalidOperationException($"{IndexVariable} must be 'postgres' or 'sqlite', not '{kind}'."),
    };

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static Dictionary<string, string> Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aiddao-test-services-" + Guid.NewGuid().ToString("N"));
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "test-services.sh");
        var (exit, output, error) = Run(script, "start", folder);
        if (exit != 0)
        {
            Run(script, "stop", folder);
            throw new InvalidOperationException($"Could not start PostgreSQL and Redis for the tests ({script} start): {error.Trim()} Or set {PostgresVariable} and {RedisVariable}.");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, "stop", folder);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // export NAME='value'
            var assignment = line["export ".Length..];
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            values[assignment[..equals]] = assignment[(equals + 1)..].Trim('\'');
        }
        return values;
    }

    private static (int Exit, string Output, string Error) Run(string script, string action, string folder)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(action);
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
