using System.Globalization;
using AidDao.Core;
using StackExchange.Redis;

namespace AidDao.Dashboard;

/// <summary>
/// The Redis connection behind SignalR's backplane: parsed and checked before anything starts, connected once at start
/// (a clear refusal when Redis does not answer, rather than a host that waits or starts without it), then shared by the
/// backplane and <c>/health</c>. After the start StackExchange.Redis reconnects by itself when Redis goes away and comes
/// back; meanwhile the pages miss pushes and catch up from the index when they reconnect.
/// </summary>
internal static class RedisBackplane
{
    /// <summary>Parses a StackExchange.Redis configuration string.</summary>
    /// <exception cref="AidDaoInputException">It is not one, or names no server.</exception>
    public static ConfigurationOptions Parse(string configuration)
    {
        // The configuration may carry a password: no message here repeats it.
        if (string.IsNullOrWhiteSpace(configuration))
            throw new AidDaoInputException("--redis is empty: give the Redis server as host:port, for example 127.0.0.1:6379 (add ,password=... if it needs one).");
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration.Trim());
        }
        catch (ArgumentException e)
        {
            throw new AidDaoInputException($"--redis is not a Redis configuration ({e.Message.Split('\n')[0].Trim()}): give host:port, for example 127.0.0.1:6379 (add ,password=... if it needs one).", e);
        }
        if (options.EndPoints.Count == 0)
            throw new AidDaoInputException("--redis names no Redis server: give host:port, for example 127.0.0.1:6379 (add ,password=... if it needs one).");
        return options;
    }

    /// <summary>The servers of a configuration, without its password.</summary>
    public static string Describe(ConfigurationOptions options) => string.Join(", ", options.EndPoints.Select(Format));

    /// <summary>The channel prefix of one community's dashboards: two communities (or chains) on one Redis never mix.</summary>
    public static RedisChannel ChannelPrefix(long chainId, EthAddress community) =>
        RedisChannel.Literal(string.Create(CultureInfo.InvariantCulture, $"aiddao:{chainId}:{community.Value.ToLowerInvariant()}:"));

    /// <summary>
    /// Connects to Redis and checks that it answers, within <paramref name="timeout"/>. Every pub/sub channel of the
    /// connection starts with <paramref name="channelPrefix"/> (StackExchange.Redis adds it; SignalR names the rest).
    /// </summary>
    /// <exception cref="AidDaoException">Redis did not answer: what, where and what to do.</exception>
    public static async Task<IConnectionMultiplexer> ConnectAsync(string configuration, RedisChannel channelPrefix, string clientName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var options = Parse(configuration);
        options.ChannelPrefix = channelPrefix;
        options.ClientName ??= clientName;
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)Math.Min(timeout.TotalMilliseconds, options.ConnectTimeout);
        var where = Describe(options);
        Task<ConnectionMultiplexer>? connecting = null;
        try
        {
            connecting = ConnectionMultiplexer.ConnectAsync(options);
            var connection = await connecting.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            try
            {
                await connection.GetDatabase().PingAsync().WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            // A connect still under way when the wait gave up is closed when it ends.
            _ = connecting?.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) t.Result.Dispose();
                else _ = t.Exception;
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new AidDaoException(
                $"Cannot reach Redis at {where} (the SignalR backplane given by --redis) within {seconds} s: {Reason(e)}. Start Redis there or correct --redis (host:port, ,password=... when it needs one); leave --redis out to run a single dashboard instance.", e);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        TimeoutException => "it did not answer",
        RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } => "it refused the password",
        RedisConnectionException { FailureType: ConnectionFailureType.UnableToConnect or ConnectionFailureType.UnableToResolvePhysicalConnection } => "nothing answered there",
        _ => "the connection failed",
    };

    private static string Format(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        _ => endPoint.ToString() ?? "?",
    };
}
