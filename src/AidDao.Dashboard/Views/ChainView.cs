namespace AidDao.Dashboard.Views;

/// <summary>
/// The chain the dashboard follows, with what a wallet needs to add or switch to it. <see cref="RpcUrl"/> is a node URL
/// that is safe to publish (the configured public one, or a loopback node); null when there is none.
/// </summary>
public sealed record ChainView(long ChainId, string Name, string? RpcUrl, string? ExplorerTxUrl, string NativeSymbol);
