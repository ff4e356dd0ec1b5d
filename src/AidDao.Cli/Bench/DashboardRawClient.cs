using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using AidDao.Dashboard.Views;

namespace AidDao.Cli.Bench;

/// <summary>
/// One baseline client: a <see cref="ClientWebSocket"/> that reads whole messages, deserializes each into a
/// <see cref="DashboardUpdate"/> (the work a SignalR client does too) and records its receipt.
/// </summary>
internal sealed class DashboardRawClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Task _receiving;

    private DashboardRawClient(ClientWebSocket socket, int id, DashboardReceipts receipts)
    {
        _socket = socket;
        _receiving = ReceiveAsync(socket, id, receipts);
    }

    /// <summary>Connects client <paramref name="id"/> to <paramref name="url"/>.</summary>
    public static async Task<DashboardRawClient> ConnectAsync(Uri url, int id, DashboardReceipts receipts, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new DashboardRawClient(socket, id, receipts);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, patience.Token).ConfigureAwait(false);
            await _receiving.WaitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
        {
            _socket.Abort();
        }
        _socket.Dispose();
    }

    private static async Task ReceiveAsync(ClientWebSocket socket, int id, DashboardReceipts receipts)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), CancellationToken.None).ConfigureAwait(false);
                if (read.MessageType == WebSocketMessageType.Close) return;
                buffer.Advance(read.Count);
                if (!read.EndOfMessage) continue;
                var update = JsonSerializer.Deserialize<DashboardUpdate>(buffer.WrittenSpan, DashboardRawServer.Json)
                    ?? throw new InvalidOperationException("The raw endpoint sent a null update.");
                receipts.Record(id, update.Cursor.Block);
                buffer.ResetWrittenCount();
            }
        }
        catch (WebSocketException)
        {
            // The connection was cut (shutdown); what arrived is recorded.
        }
    }
}
