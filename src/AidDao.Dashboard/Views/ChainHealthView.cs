namespace AidDao.Dashboard.Views;

/// <summary>The chain's node as <c>/health</c> found it: whether it answered, and its newest block.</summary>
public sealed record ChainHealthView(bool Reachable, long ChainId, long? Head);
