using Microsoft.Extensions.Logging;

namespace AidDao.Indexer;

/// <summary>The indexer's structured log entries (event ids 1–19; RPC URLs only through <c>Redaction.Url</c>).</summary>
public sealed partial class ChainIndexer
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Indexing chain {ChainId} from block {Cursor} through {Rpc} as {Owner}")]
    private static partial void LogStarted(ILogger logger, long chainId, long cursor, string rpc, string owner);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Took the lease of chain {ChainId} as {Owner}")]
    private static partial void LogLeaseTaken(ILogger logger, long chainId, string owner);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Took chain {ChainId} over from {PreviousOwner}, a process of this machine and PID namespace that no longer runs, as {Owner}")]
    private static partial void LogLeaseTakenOver(ILogger logger, long chainId, string previousOwner, string owner);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Chain {ChainId} is followed by {Holder} (lease until {ExpiresAt:O}); {Owner} ends")]
    private static partial void LogLeaseHeld(ILogger logger, long chainId, string holder, DateTimeOffset expiresAt, string owner);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Lost the lease of chain {ChainId} to another indexer (it ran out before {Owner} renewed it); stopping")]
    private static partial void LogLeaseLost(ILogger logger, long chainId, string owner);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Committed blocks {FromBlock}-{ToBlock} of chain {ChainId}: {Events} events, {Lag} blocks behind")]
    private static partial void LogBatchCommitted(ILogger logger, long chainId, long fromBlock, long toBlock, int events, long lag);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Chain {ChainId} is caught up at block {Cursor} (head {Head}); {Events} events indexed since the last report")]
    private static partial void LogCaughtUp(ILogger logger, long chainId, long cursor, long head, long events);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Chain {ChainId} was reorganised: undid blocks {FromBlock}-{ToBlock} ({Removed} rows); indexing again after block {Cursor}")]
    private static partial void LogRolledBack(ILogger logger, long chainId, long fromBlock, long toBlock, int removed, long cursor);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Indexing chain {ChainId} failed ({Attempt} in a row), retrying in {BackoffSeconds} s: {Error}")]
    private static partial void LogStepFailed(ILogger logger, long chainId, int attempt, double backoffSeconds, string error);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Gave up indexing chain {ChainId} after {Attempt} failures in a row: {Error}")]
    private static partial void LogGaveUp(ILogger logger, long chainId, int attempt, string error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Stopped indexing chain {ChainId}, reorganised too deep: {Error}")]
    private static partial void LogReorgTooDeep(ILogger logger, long chainId, string error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Stopped indexing chain {ChainId} by an error: {Error}")]
    private static partial void LogFailed(ILogger logger, long chainId, string error, Exception exception);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Stopped indexing chain {ChainId} at block {Cursor}")]
    private static partial void LogStopped(ILogger logger, long chainId, long? cursor);
}
