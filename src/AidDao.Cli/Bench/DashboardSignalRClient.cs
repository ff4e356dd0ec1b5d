using AidDao.Dashboard;
using AidDao.Dashboard.Views;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AidDao.Cli.Bench;

/// <summary>
/// One SignalR client of the dashboard's hub, as a .NET page would be: WebSockets without negotiation, the JSON
/// protocol, and an <c>Update</c> handler that records each update's receipt.
/// </summary>
internal sealed class DashboardSignalRClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private DashboardSignalRClient(HubConnection connection) => _connection = connection;

    /// <summary>Connects client <paramref name="id"/> to the hub at <paramref name="hub"/>.</summary>
    public static async Task<DashboardSignalRClient> ConnectAsync(Uri hub, int id, DashboardReceipts receipts, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, HttpTransportType.WebSockets, options => options.SkipNegotiation = true)
            .Build();
        connection.On<DashboardUpdate>(nameof(IDashboardClient.Update), update => receipts.Record(id, update.Cursor.Block));
        try
        {
            await connection.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new DashboardSignalRClient(connection);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
