using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AidDao.Dashboard;

/// <summary>
/// The dashboard's console logging: AidDao's own categories from Information, the frameworks underneath (ASP.NET Core,
/// SignalR, Hangfire, StackExchange.Redis, Npgsql) only from Warning, every entry on standard error (standard output keeps
/// the command's own lines). Nothing here logs keys, passwords or connection strings.
/// </summary>
public static class DashboardLogging
{
    private const string UtcTimestamp = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    /// <summary>Adds the console provider for <paramref name="format"/> and the category levels to <paramref name="logging"/>.</summary>
    public static ILoggingBuilder Configure(ILoggingBuilder logging, DashboardLogFormat format)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("AidDao", LogLevel.Information);
        switch (format)
        {
            case DashboardLogFormat.Text:
                logging.AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.UseUtcTimestamp = true;
                    console.TimestampFormat = UtcTimestamp;
                    console.IncludeScopes = true;
                });
                break;
            case DashboardLogFormat.Json:
                logging.AddJsonConsole(console =>
                {
                    console.UseUtcTimestamp = true;
                    console.TimestampFormat = UtcTimestamp.TrimEnd();
                    console.IncludeScopes = true;
                });
                break;
            case DashboardLogFormat.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown log format.");
        }
        if (format != DashboardLogFormat.None)
            logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }

    /// <summary>
    /// A logger factory in <paramref name="format"/> for a whole process (the dashboard host and the indexer); the caller
    /// disposes it (which flushes the console). <see cref="DashboardLogFormat.None"/> gives a factory that drops everything.
    /// </summary>
    public static ILoggerFactory CreateFactory(DashboardLogFormat format) =>
        format == DashboardLogFormat.None ? NullLoggerFactory.Instance : LoggerFactory.Create(logging => Configure(logging, format));
}
