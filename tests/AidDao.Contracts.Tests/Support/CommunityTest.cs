using System.Numerics;
using System.Security.Cryptography;
using AidDao.Core;
using AidDao.Core.Transactions;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Xunit;

namespace AidDao.Contracts.Tests.Support;

/// <summary>Base for community contract tests: a fresh chain state per test (see <see cref="ChainTest"/>) plus helpers.</summary>
public abstract class CommunityTest(ChainFixture fixture) : ChainTest(fixture)
{
    /// <summary>ICommunity.AdmissionPath values, as MemberAdmitted events carry them.</summary>
    protected const byte PathStewards = 1;
    protected const byte PathVouches = 2;
    protected const byte PathStewardRole = 3;

    /// <summary>Dev account <paramref name="index"/>'s address.</summary>
    protected EthAddress Address(int index) => CommunityBuilder.AddressOf(Devnet, index);

    /// <summary>A builder for a community on a freshly deployed AidDao.</summary>
    internal CommunityBuilder NewCommunity() => new(Devnet);

    /// <summary>A random address nobody holds a key for.</summary>
    protected static EthAddress RandomAddress() =>
        EthAddress.FromChain(new AddressUtil().ConvertToChecksumAddress(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))));

    /// <summary>
    /// Runs <paramref name="call"/>, which must fail with custom error <typeparamref name="TError"/> (a generated error DTO);
    /// returns the exception for further checks.
    /// </summary>
    protected static async Task<ContractRevertedException> AssertRevertsAsync<TError>(Func<Task> call)
    {
        var expected = ABITypedRegistry.GetError<TError>().Name;
        var error = await Assert.ThrowsAsync<ContractRevertedException>(call);
        Assert.True(error.Is<TError>(), $"Expected revert {expected} but got {error.ErrorName}: {error.Message}");
        Assert.Equal(expected, error.ErrorName);
        return error;
    }

    /// <summary>Sends a generated-binding transaction through <see cref="ChainCall.SendAsync"/> so reverts are decoded.</summary>
    protected static Task<TransactionReceipt> SendAsync(Func<CancellationTokenSource, Task<TransactionReceipt>> send) =>
        ChainCall.SendAsync(send, Ct);

    /// <summary>The receipt of mined transaction <paramref name="transactionHash"/>.</summary>
    protected Task<TransactionReceipt> ReceiptAsync(string transactionHash) =>
        Web3For(0).Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash);

    /// <summary>The latest block number.</summary>
    protected async Task<BigInteger> BlockNumberAsync() => (await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
}
