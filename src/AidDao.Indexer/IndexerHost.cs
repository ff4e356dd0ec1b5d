using System.Globalization;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Logging;

namespace AidDao.Indexer;

/// <summary>
/// A Hangfire server that runs the indexer jobs of a <see cref="IndexerRegistry"/>: in-memory job storage by default,
/// PostgreSQL storage when given a connection string (so several servers share the schedule; its schema, "hangfire", is
/// created or upgraded at start). One recurring job per chain every <see cref="IndexerOptions.WatchdogInterval"/>; it is
/// triggered at once on start. The jobs go to the registry's own queue (<see cref="IndexerRegistry.Queue"/>), the only
/// one this server reads, so deployments of other chains or communities on the same storage never run each other's jobs.
/// </summary>
public sealed partial class IndexerHost : IDisposable
{
    /// <summary>The PostgreSQL schema of Hangfire's tables.</summary>
    public const string HangfireSchema = "hangfire";

    private readonly BackgroundJobServer _server;
    private int _disposed;

    private IndexerHost(JobStorage storage, BackgroundJobServer server, string serverName)
    {
        Storage = storage;
        _server = server;
        ServerName = serverName;
    }

    /// <summary>The Hangfire storage (for the Hangfire dashboard).</summary>
    public JobStorage Storage { get; }

    /// <summary>This server's name in Hangfire (unique per host instance).</summary>
    public string ServerName { get; }

    /// <summary>Starts the server and schedules (and triggers) each chain's job.</summary>
    /// <param name="registry">The chains to index.</param>
    /// <param name="hangfirePostgreSql">A PostgreSQL connection string for Hangfire's storage; null for in-memory storage.</param>
    public static IndexerHost Start(IndexerRegistry registry, string? hangfirePostgreSql = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var watchdog = registry.Options.WatchdogInterval;
        var polling = PollingInterval(watchdog);
        JobStorage storage = hangfirePostgreSql is null ? new InMemoryStorage() : PostgreSqlStorage(hangfirePostgreSql, polling);
        var queue = registry.Queue;
        var serverName = string.Create(CultureInfo.InvariantCulture, $"aiddao-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        BackgroundJobServer server;
        try
        {
            server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                Activator = new RegistryActivator(registry),
                WorkerCount = Math.Max(2, registry.Targets.Count + 1),
                ServerName = serverName,
                Queues = [queue],
                ShutdownTimeout = TimeSpan.FromSeconds(10),
                // The recurring-job scheduler polls at this interval too: a watchdog run is enqueued this soon after its time.
                SchedulePollingInterval = polling,
            }, storage);
        }
        catch
        {
            (storage as IDisposable)?.Dispose();
            throw;
        }
        var recurring = new RecurringJobManager(storage);
        var cron = Cron(watchdog);
        foreach (var (chainId, target) in registry.Targets)
        {
            var id = IndexerJob.RecurringId(target);
            var communities = target.CommunitiesKey;
            // The job of versions that named it by the chain alone, in the default queue no server reads any more.
            recurring.RemoveIfExists(IndexerJob.RecurringId(chainId));
            recurring.AddOrUpdate<IndexerJob>(id, queue, job => job.FollowAsync(chainId, communities, CancellationToken.None), cron);
            recurring.Trigger(id);
        }
        var log = registry.LoggerFactory.CreateLogger<IndexerHost>();
        LogStarted(log, serverName, hangfirePostgreSql is null ? "in-memory" : "PostgreSQL", registry.Targets.Count, cron, queue);
        return new IndexerHost(storage, server, serverName);
    }

    /// <summary>Stops the server: running jobs are cancelled and awaited (their leases released). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _server.SendStop();
        _server.Dispose();
        (Storage as IDisposable)?.Dispose();
    }

    /// <summary>The cron expression that repeats every <paramref name="interval"/> (one of the values <see cref="IndexerOptions.WatchdogInterval"/> allows).</summary>
    internal static string Cron(TimeSpan interval) => interval switch
    {
        { TotalHours: 1 } => "0 * * * *",
        _ when interval < TimeSpan.FromMinutes(1) => string.Create(CultureInfo.InvariantCulture, $"*/{(int)interval.TotalSeconds} * * * * *"),
        _ => string.Create(CultureInfo.InvariantCulture, $"*/{(int)interval.TotalMinutes} * * * *"),
    };

    /// <summary>How often the server checks its schedule and queue: a fifth of the watchdog's interval, 1 to 15 s.</summary>
    internal static TimeSpan PollingInterval(TimeSpan watchdog) =>
        TimeSpan.FromSeconds(Math.Clamp(Math.Round(watchdog.TotalSeconds / 5), 1, 15));

    /// <summary>
    /// PostgreSQL storage in schema <see cref="HangfireSchema"/>, created or upgraded at start. A fetched job stays
    /// invisible to other servers while its server lives (sliding timeout, renewed in the background), and becomes
    /// visible 5 minutes after that server died; a lock left by a dead server is broken after a minute.
    /// </summary>
    private static PostgreSqlStorage PostgreSqlStorage(string connectionString, TimeSpan polling)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = polling,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Hangfire server {Server} started ({Storage} storage): {Chains} chains, watchdog {Cron}, queue {Queue}")]
    private static partial void LogStarted(ILogger logger, string server, string storage, int chains, string cron, string queue);

    private sealed class RegistryActivator(IndexerRegistry registry) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(IndexerJob) ? new IndexerJob(registry) : base.ActivateJob(jobType);
    }
}
