using System.Numerics;
using NBitcoin.Secp256k1;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RLP;
using Nethereum.Signer;
using Nethereum.Util;

namespace AidDao.Cli.Bench;

/// <summary>
/// Sends transactions without waiting for receipts, for a chain whose automining is off: each call to
/// <see cref="AddAsync"/> signs nothing yet and only books the sender's next nonce; <see cref="MineAsync"/> signs what
/// was queued, hands it to the node in batches and mines blocks (<c>anvil_mine</c>), the first of which holds the queued
/// transactions. Every transaction gets a fixed gas limit (no estimate: its state may not exist until the block is
/// mined) and the same gas price. Signing uses libsecp256k1's recoverable signatures (NBitcoin): Nethereum's signer
/// spends milliseconds per transaction finding the recovery id. It remembers every hash it sent, with a description, so
/// a caller can check afterwards that all of them ran.
/// </summary>
internal sealed class BenchTransactionQueue
{
    /// <summary>The most a single transaction may ask for (EIP-7825 caps a transaction at 2^24 gas).</summary>
    public const long MaxTransactionGas = 16_000_000;

    private const int SendBatchSize = 500;

    private readonly BenchRpc _rpc;
    private readonly BigInteger _chainId;
    private readonly BigInteger _gasPrice;
    private readonly long _blockGasBudget;
    private readonly Dictionary<string, (ECPrivKey Key, long Nonce)> _senders = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Queued> _queued = [];
    private readonly Dictionary<string, string> _sent = new(StringComparer.OrdinalIgnoreCase);
    private long _queuedGas;

    private BenchTransactionQueue(BenchRpc rpc, long chainId, BigInteger gasPrice, long blockGasBudget, long blockNumber)
    {
        _rpc = rpc;
        _chainId = chainId;
        _gasPrice = gasPrice;
        _blockGasBudget = blockGasBudget;
        BlockNumber = blockNumber;
    }

    /// <summary>The latest mined block, as far as this queue knows (it mines every block while it is in use).</summary>
    public long BlockNumber { get; private set; }

    /// <summary>The events the queued and sent transactions emit at least, as their callers declared them.</summary>
    public long PredictedEvents { get; private set; }

    /// <summary>Every transaction sent: hash (0x-prefixed, as the node wrote it) to description.</summary>
    public IReadOnlyDictionary<string, string> Sent => _sent;

    /// <summary>
    /// A queue for <paramref name="privateKeys"/>, starting from their pending nonces, with a gas price well above the
    /// node's and at most three quarters of a block's gas limit in one block.
    /// </summary>
    public static async Task<BenchTransactionQueue> CreateAsync(BenchRpc rpc, long chainId, IReadOnlyList<string> privateKeys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(privateKeys);
        var block = await rpc.CallAsync("eth_getBlockByNumber", ["latest", false], ct).ConfigureAwait(false);
        var gasPrice = await rpc.CallAsync("eth_gasPrice", [], ct).ConfigureAwait(false);
        var price = BigInteger.Max(new BigInteger(BenchRpc.Quantity(gasPrice)) * 4, BigInteger.Pow(10, 10));
        var queue = new BenchTransactionQueue(rpc, chainId, price, BenchRpc.Quantity(block.GetProperty("gasLimit")) * 3 / 4,
            BenchRpc.Quantity(block.GetProperty("number")));
        var keys = privateKeys.Select(k => ECPrivKey.Create(k.HexToByteArray())).ToList();
        var addresses = privateKeys.Select(k => new EthECKey(k).GetPublicAddress()).ToList();
        var nonces = await rpc.BatchAsync([.. addresses.Select(a => ("eth_getTransactionCount", new object?[] { a, "pending" }))],
            i => $"eth_getTransactionCount for {addresses[i]}", ct).ConfigureAwait(false);
        for (var i = 0; i < keys.Count; i++) queue._senders[addresses[i]] = (keys[i], BenchRpc.Quantity(nonces[i]));
        return queue;
    }

    /// <summary>
    /// Queues a call from <paramref name="from"/> (one of the queue's keys) to <paramref name="to"/> that emits at least
    /// <paramref name="events"/> events. When the queued gas would pass the block budget, the queue first mines what it
    /// holds into one block.
    /// </summary>
    public async Task AddAsync(string from, string to, byte[] data, BigInteger value, long gas, string description, int events, CancellationToken ct)
    {
        if (!_senders.TryGetValue(from, out var sender))
            throw new InvalidOperationException($"{from} is not one of the seeder's accounts; it cannot send {description}.");
        if (gas > MaxTransactionGas) throw new InvalidOperationException($"{description} asks for {gas} gas, more than one transaction may use.");
        if (_queuedGas + gas > _blockGasBudget) await MineAsync(1, ct).ConfigureAwait(false);
        _senders[from] = (sender.Key, sender.Nonce + 1);
        _queued.Add(new Queued(sender.Key, sender.Nonce, to, data, value, gas, description));
        _queuedGas += gas;
        PredictedEvents += events;
    }

    /// <summary>Signs and sends what is queued, then mines <paramref name="blocks"/> blocks (the first holds the queued transactions).</summary>
    public async Task MineAsync(int blocks, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        await SendQueuedAsync(ct).ConfigureAwait(false);
        await _rpc.CallAsync("anvil_mine", [BenchRpc.Quantity(blocks)], ct).ConfigureAwait(false);
        BlockNumber += blocks;
    }

    /// <summary>
    /// Mines one block (with whatever is queued) whose timestamp is <paramref name="unixSeconds"/>, or one second after the
    /// latest block when that is later; later blocks continue from there.
    /// </summary>
    public async Task MineAtAsync(long unixSeconds, CancellationToken ct)
    {
        await SendQueuedAsync(ct).ConfigureAwait(false);
        var latest = await _rpc.CallAsync("eth_getBlockByNumber", ["latest", false], ct).ConfigureAwait(false);
        var next = Math.Max(unixSeconds, BenchRpc.Quantity(latest.GetProperty("timestamp")) + 1);
        await _rpc.CallAsync("evm_setNextBlockTimestamp", [BenchRpc.Quantity(next)], ct).ConfigureAwait(false);
        await _rpc.CallAsync("anvil_mine", [BenchRpc.Quantity(1)], ct).ConfigureAwait(false);
        BlockNumber++;
    }

    private async Task SendQueuedAsync(CancellationToken ct)
    {
        if (_queued.Count == 0) return;
        var raw = new string[_queued.Count];
        Parallel.For(0, _queued.Count, i => raw[i] = Sign(_queued[i]));
        for (var start = 0; start < raw.Length; start += SendBatchSize)
        {
            var count = Math.Min(SendBatchSize, raw.Length - start);
            var first = start;
            var hashes = await _rpc.BatchAsync([.. raw.Skip(first).Take(count).Select(r => ("eth_sendRawTransaction", new object?[] { r }))],
                i => _queued[first + i].Description, ct).ConfigureAwait(false);
            for (var i = 0; i < count; i++) _sent[hashes[i].GetString()!] = _queued[first + i].Description;
        }
        _queued.Clear();
        _queuedGas = 0;
    }

    /// <summary>An EIP-155 legacy transaction: RLP of (nonce, gas price, gas, to, value, data, v, r, s).</summary>
    private string Sign(Queued q)
    {
        byte[][] fields =
        [
            new BigInteger(q.Nonce).ToBytesForRLPEncoding(), _gasPrice.ToBytesForRLPEncoding(), new BigInteger(q.Gas).ToBytesForRLPEncoding(),
            q.To.HexToByteArray(), q.Value.ToBytesForRLPEncoding(), q.Data,
        ];
        var unsigned = RLP.EncodeList([.. fields.Select(RLP.EncodeElement), RLP.EncodeElement(_chainId.ToBytesForRLPEncoding()), RLP.EncodeElement([]), RLP.EncodeElement([])]);
        if (!q.Key.TrySignRecoverable(Sha3Keccack.Current.CalculateHash(unsigned), out var signature) || signature is null)
            throw new InvalidOperationException($"Signing {q.Description} failed.");
        Span<byte> compact = stackalloc byte[64];
        signature.WriteToSpanCompact(compact, out var recoveryId);
        var r = new BigInteger(compact[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(compact[32..], isUnsigned: true, isBigEndian: true);
        var v = _chainId * 2 + 35 + recoveryId;
        return RLP.EncodeList([.. fields.Select(RLP.EncodeElement), RLP.EncodeElement(v.ToBytesForRLPEncoding()),
            RLP.EncodeElement(r.ToBytesForRLPEncoding()), RLP.EncodeElement(s.ToBytesForRLPEncoding())]).ToHex(true);
    }

    private sealed record Queued(ECPrivKey Key, long Nonce, string To, byte[] Data, BigInteger Value, long Gas, string Description);
}
