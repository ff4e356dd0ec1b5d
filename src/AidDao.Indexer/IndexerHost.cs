using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;

namespace AidDao.Indexer;

/// <summary>
/// A Hangfire server that runs the indexer jobs of a <see cref="IndexerRegistry"/>: in-memory job storage by default,
/// PostgreSQL storage when given a connection string (so several servers share the schedule). One recurring job per
/// chain; it is triggered at once on start.
/// </summary>
public sealed class IndexerHost : IDisposable
{
    private readonly BackgroundJobServer _server;

    private IndexerHost(JobStorage storage, BackgroundJobServer server)
    {
        Storage = storage;
        _server = server;
    }

    /// <summary>The Hangfire storage (for the Hangfire dashboard).</summary>
    public JobStorage Storage { get; }

    /// <summary>Starts the server and schedules (and triggers) each chain's job.</summary>
    /// <param name="registry">The chains to index.</param>
    /// <param name="hangfirePostgreSql">A PostgreSQL connection string for Hangfire's storage; null for in-memory storage.</param>
    public static IndexerHost Start(IndexerRegistry registry, string? hangfirePostgreSql = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        JobStorage storage = hangfirePostgreSql is null
            ? new InMemoryStorage()
            : new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(hangfirePostgreSql, new PostgreSqlStorageOptions()));
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            Activator = new RegistryActivator(registry),
            WorkerCount = Math.Max(2, registry.Targets.Count + 1),
            ServerName = $"aiddao-{Environment.MachineName}-{Environment.ProcessId}",
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        }, storage);
        var recurring = new RecurringJobManager(storage);
        foreach (var chainId in registry.Targets.Keys)
        {
            recurring.AddOrUpdate<IndexerJob>(IndexerJob.RecurringId(chainId), job => job.FollowAsync(chainId, CancellationToken.None), Cron.Minutely());
            recurring.Trigger(IndexerJob.RecurringId(chainId));
        }
        return new IndexerHost(storage, server);
    }

    /// <summary>Stops the server: running jobs are cancelled and awaited.</summary>
    public void Dispose()
    {
        _server.SendStop();
        _server.Dispose();
        (Storage as IDisposable)?.Dispose();
    }

    private sealed class RegistryActivator(IndexerRegistry registry) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(IndexerJob) ? new IndexerJob(registry) : base.ActivateJob(jobType);
    }
}
