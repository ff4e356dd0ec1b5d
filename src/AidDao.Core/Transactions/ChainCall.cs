using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Core.Transactions;

/// <summary>
/// Runs one call to the chain and turns Nethereum's failures into AidDao's exceptions (decoded custom errors, an
/// unreachable node), so services above speak in domain terms only.
/// </summary>
public static class ChainCall
{
    /// <summary>Sends a transaction and waits for its receipt; a mined-but-failed receipt is an error too.</summary>
    public static async Task<TransactionReceipt> SendAsync(Func<CancellationTokenSource, Task<TransactionReceipt>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        cancellationToken.ThrowIfCancellationRequested();
        using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        TransactionReceipt receipt;
        try
        {
            receipt = await send(source).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && RevertDecoder.Translate(exception) is var translated && translated != exception)
        {
            throw translated;
        }
        if (receipt.Failed())
            throw new ContractRevertedException($"Transaction {receipt.TransactionHash} was mined but reverted; nothing changed. Try again, or check its inputs.");
        return receipt;
    }

    /// <summary>Runs a read-only call.</summary>
    public static async Task<T> QueryAsync<T>(Func<Task<T>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await query().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && RevertDecoder.Translate(exception) is var translated && translated != exception)
        {
            throw translated;
        }
    }

    /// <summary>The outcome record of a receipt.</summary>
    public static TransactionOutcome Outcome(this TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new TransactionOutcome(receipt.TransactionHash, receipt.BlockNumber.Value, receipt.GasUsed.Value);
    }
}
