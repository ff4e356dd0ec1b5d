using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Pools;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Xunit;

namespace AidDao.Core.Tests.Pools;

/// <summary>Pool refusals read as sentences with amounts in the asset's units, from raw revert data (no chain).</summary>
public class PoolRevertMessageTests
{
    private const string Token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private static ContractRevertedException Decode<TError>(TError error) where TError : class, new()
    {
        var abi = ABITypedRegistry.GetError<TError>();
        var data = abi.Sha3Signature + Convert.ToHexStringLower(new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(TError), error));
        return RevertDecoder.Decode(data);
    }

    [Fact]
    public void OverRequestLimit_InEth_IsWrittenInEth()
    {
        var error = Decode(new PoolOverRequestLimitError { Asset = EthAddress.Zero.Value, Amount = 5 * Ether / 2, Max = 2 * Ether });

        Assert.Equal("The amount 2.5 ETH exceeds the pool's per-request limit of 2 ETH.", error.Message);
    }

    [Fact]
    public void OverWindowCap_InAToken_UsesTheFormatterGivenForItsDecimals()
    {
        var error = Decode(new PoolOverWindowCapError { Asset = Token, Amount = 300_000_000, Remaining = 150_500_000, Cap = 2_000_000_000 });
        var usdc = new PoolAsset(EthAddress.Parse(Token), "USDC", 6);

        var worded = error.WithAmounts((asset, units) => asset == usdc.Address ? usdc.Format(units) : "?");

        Assert.Equal("Paying 300 USDC would exceed the pool's cap of 2000 USDC per rolling window: only 150.5 USDC can still be paid in this window, so wait or ask for less.", worded.Message);
        Assert.Equal(error.ErrorName, worded.ErrorName);
        Assert.Contains($"Paying 300000000 units of {Token}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestNotPending_NamesTheRequestState()
    {
        var error = Decode(new PoolRequestNotPendingError { RequestId = 7, Status = 2 });

        Assert.Equal("Request 7 is already paid; nothing more can be done with it.", error.Message);
    }

    [Fact]
    public void CoolingDown_GivesTheTimeInUtc()
    {
        var error = Decode(new PoolRecipientCoolingDownError { Recipient = Token, AvailableAt = 1_800_000_000 });

        Assert.Equal($"{Token} was paid recently and can be paid again from 2027-01-15 08:00:00Z.", error.Message);
    }

    [Theory]
    [InlineData(86_400, "1 day")]
    [InlineData(7_776_000, "90 days")]
    [InlineData(5_400, "90 minutes")]
    [InlineData(3_600, "1 hour")]
    [InlineData(59, "59 seconds")]
    [InlineData(0, "0 seconds")]
    public void InvalidWindow_WritesDurationsInTheLargestWholeUnit(long window, string expected)
    {
        var error = Decode(new PoolInvalidWindowError { Window = window, Min = 3_600, Max = 7_776_000 });

        Assert.Equal($"A rolling window of {expected} is not allowed: use 1 hour to 90 days.", error.Message);
    }

    [Fact]
    public void ChangeNeedsAsset_NamesTheChangeKindAndEth()
    {
        var error = Decode(new PoolChangeNeedsAssetError { Kind = 1, Asset = EthAddress.Zero.Value });

        Assert.Equal("A RemoveAsset change needs an asset the pool accepts; ETH is not one.", error.Message);
    }
}
