namespace AidDao.Dashboard.Views;

/// <summary>The chain the dashboard follows, with what a wallet needs to add or switch to it.</summary>
public sealed record ChainView(long ChainId, string Name, string RpcUrl, string? ExplorerTxUrl, string NativeSymbol);
