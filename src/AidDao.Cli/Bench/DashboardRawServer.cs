using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using AidDao.Dashboard.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AidDao.Cli.Bench;

/// <summary>
/// The baseline: a bare Kestrel WebSocket endpoint in the same process that sends each <see cref="DashboardUpdate"/>,
/// serialized once to camelCase JSON (as SignalR's JSON protocol writes it), as one text message to every connection.
/// Each connection has its own unbounded queue and send loop, so a slow client never holds up the others; no hub
/// protocol, no groups, no acknowledgements.
/// </summary>
internal sealed class DashboardRawServer : IAsyncDisposable
{
    /// <summary>The JSON options of both ends.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, Channel<byte[]>> _connections = new();
    private long _next;
    private long _messages;
    private long _bytes;

    private DashboardRawServer(WebApplication app) => _app = app;

    /// <summary>The endpoint (<c>ws://127.0.0.1:port/updates</c>).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Open connections.</summary>
    public int Connections => _connections.Count;

    /// <summary>The mean size of the updates broadcast so far, in bytes of JSON (0 before the first).</summary>
    public double MeanMessageBytes => _messages == 0 ? 0 : (double)_bytes / _messages;

    /// <summary>Starts the endpoint on a free loopback port.</summary>
    public static async Task<DashboardRawServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new DashboardRawServer(app);
        app.UseWebSockets();
        app.Map("/updates", server.AcceptAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/updates");
        return server;
    }

    /// <summary>Serializes <paramref name="update"/> once and queues it for every open connection.</summary>
    public void Broadcast(DashboardUpdate update)
    {
        if (_connections.IsEmpty) return;
        var message = JsonSerializer.SerializeToUtf8Bytes(update, Json);
        _messages++;
        _bytes += message.Length;
        foreach (var connection in _connections.Values) connection.Writer.TryWrite(message);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        var id = Interlocked.Increment(ref _next);
        _connections[id] = queue;
        var aborted = context.RequestAborted;
        try
        {
            var sending = SendAsync(socket, queue.Reader, aborted);
            var buffer = new byte[256];
            // The clients send nothing but their close; reading is how the end is noticed.
            while (socket.State == WebSocketState.Open)
            {
                var read = await socket.ReceiveAsync(buffer, aborted).ConfigureAwait(false);
                if (read.MessageType == WebSocketMessageType.Close) break;
            }
            _connections.TryRemove(id, out _);
            queue.Writer.TryComplete();
            await sending.ConfigureAwait(false);
            if (socket.State == WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close; nothing to tidy beyond the registration.
        }
        finally
        {
            _connections.TryRemove(id, out _);
            queue.Writer.TryComplete();
        }
    }

    private static async Task SendAsync(WebSocket socket, ChannelReader<byte[]> queue, CancellationToken cancellationToken)
    {
        await foreach (var message in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
    }
}
