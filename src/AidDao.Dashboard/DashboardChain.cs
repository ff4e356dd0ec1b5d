using System.Collections.Concurrent;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;
using Nethereum.Web3;

namespace AidDao.Dashboard;

/// <summary>
/// What the dashboard reads from the chain itself rather than from the index: the chain's clock, token symbols and a
/// round's set-up (immutable once initialised). Reads only; the server holds no keys. Answers are cached.
/// </summary>
public sealed class DashboardChain
{
    private static readonly TimeSpan ClockCacheTime = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ClockPatience = TimeSpan.FromSeconds(3);
    private readonly Web3 _web3;
    private readonly ConcurrentDictionary<EthAddress, Lazy<Task<PoolAsset>>> _assets = new();
    private readonly ConcurrentDictionary<EthAddress, Lazy<Task<FundingRoundService>>> _rounds = new();
    private readonly TimeProvider _time;
    private readonly Lock _clockLock = new();
    private (long ChainTime, long ReadAt) _clock = (0, long.MinValue);

    /// <summary>Reads from <paramref name="rpcUrl"/>.</summary>
    public DashboardChain(Uri rpcUrl, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        _web3 = new Web3(rpcUrl.ToString());
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The chain's time (the latest block's timestamp, Unix seconds), read at most twice a second. When the node does
    /// not answer, the last reading moved on by the time since (or the server's clock before any reading): the index
    /// still answers while the node is away.
    /// </summary>
    public async Task<long> NowAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        lock (_clockLock)
        {
            if (_clock.ReadAt != long.MinValue && _time.GetElapsedTime(_clock.ReadAt, now) < ClockCacheTime) return _clock.ChainTime;
        }
        long chainTime;
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(ClockPatience);
            chainTime = (await ChainClock.NowAsync(_web3, patience.Token).ConfigureAwait(false)).ToUnixTimeSeconds();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is AidDaoException or OperationCanceledException or HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcClientTimeoutException)
        {
            lock (_clockLock)
            {
                return _clock.ReadAt == long.MinValue
                    ? _time.GetUtcNow().ToUnixTimeSeconds()
                    : _clock.ChainTime + (long)_time.GetElapsedTime(_clock.ReadAt, now).TotalSeconds;
            }
        }
        lock (_clockLock) _clock = (chainTime, now);
        return chainTime;
    }

    /// <summary>The chain's head: the newest block's number, read from the node now (no cache; the health check asks).</summary>
    public async Task<long> HeadAsync(CancellationToken cancellationToken) =>
        (long)(await ChainCall.QueryAsync(() => _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>An asset's symbol and decimals (ETH for the zero address).</summary>
    public Task<PoolAsset> AssetAsync(EthAddress asset, CancellationToken cancellationToken)
    {
        if (asset.IsZero) return Task.FromResult(PoolAsset.Eth);
        return Cached(_assets, asset, () => PoolAsset.ReadAsync(_web3, asset, cancellationToken));
    }

    /// <summary>A round's read-only service (its set-up is read once).</summary>
    public Task<FundingRoundService> RoundAsync(EthAddress round, CancellationToken cancellationToken) =>
        Cached(_rounds, round, () => FundingRoundService.ConnectAsync(_web3, round, cancellationToken));

    private static async Task<T> Cached<T>(ConcurrentDictionary<EthAddress, Lazy<Task<T>>> cache, EthAddress key, Func<Task<T>> read)
    {
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(read));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed read (node down, cancelled) is not remembered.
            cache.TryRemove(new KeyValuePair<EthAddress, Lazy<Task<T>>>(key, entry));
            throw;
        }
    }
}
