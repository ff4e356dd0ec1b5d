using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;
using ContributionTokenNotMinterError = AidDao.Contracts.ContributionToken.ContractDefinition.ContributionTokenNotMinterError;
using ERC20InsufficientAllowanceError = AidDao.Contracts.Testing.TestToken.ContractDefinition.ERC20InsufficientAllowanceError;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>Money in: ETH and ERC-20 deposits, what is credited, and the contribution tokens minted for them.</summary>
public sealed class PoolDepositTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task Deposit_Eth_CreditsPoolAndMintsTokensAtTheRate()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var deposited = TestPool.Event<DepositedEventDTO>(await pool.DepositEthAsync(9, Ether(1.5m)));

        Assert.Equal((BigInteger.One, Address(9).Value, TestPool.Eth), (deposited.DepositId, deposited.Donor, deposited.Asset));
        Assert.Equal((Ether(1.5m), Ether(1.5m)), (deposited.Amount, deposited.Minted));
        var token = pool.Community.TokenContractAs(0);
        Assert.Equal(Ether(1.5m), await token.BalanceOfQueryAsync(Address(9).Value));
        Assert.Equal(Ether(1.5m), await token.GetVotesQueryAsync(Address(9).Value));
        Assert.Equal(Ether(1.5m), await pool.EthBalanceAsync(pool.Address));
        var totals = await pool.TotalsAsync(TestPool.Eth);
        Assert.Equal((Ether(1.5m), BigInteger.Zero, BigInteger.Zero, Ether(1.5m), BigInteger.Zero),
            (totals.Deposited, totals.PaidOut, totals.Owed, totals.Available, totals.WindowUsed));
        Assert.Equal(BigInteger.One, await pool.As(0).DepositCountQueryAsync());
    }

    [Fact]
    public async Task Deposit_Twice_IdsIncreaseAndTokensAddUp()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await pool.DepositEthAsync(9, Ether(1));

        var second = TestPool.Event<DepositedEventDTO>(await pool.DepositEthAsync(9, Ether(2)));

        Assert.Equal(new BigInteger(2), second.DepositId);
        Assert.Equal(Ether(3), await pool.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(9).Value));
        Assert.Equal(Ether(3), (await pool.TotalsAsync(TestPool.Eth)).Deposited);
    }

    [Fact]
    public async Task PlainEthTransfer_IsADeposit()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var transfer = new TransactionInput { From = Address(8).Value, To = pool.Address.Value, Value = new HexBigInteger(Ether(0.25m)) };
        var transactions = Web3For(8).Eth.TransactionManager;
        transfer.Gas = await transactions.EstimateGasAsync(transfer);

        var receipt = await SendAsync(s => transactions.SendTransactionAndWaitForReceiptAsync(transfer, s.Token));

        var deposited = TestPool.Event<DepositedEventDTO>(receipt);
        Assert.Equal((Address(8).Value, TestPool.Eth, Ether(0.25m), Ether(0.25m)), (deposited.Donor, deposited.Asset, deposited.Amount, deposited.Minted));
        Assert.Equal(Ether(0.25m), await pool.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(8).Value));
        Assert.Equal(Ether(0.25m), (await pool.TotalsAsync(TestPool.Eth)).Deposited);
    }

    [Fact]
    public async Task Deposit_MintRateZero_MintsNothingEvenWithoutMinterRight()
    {
        var pool = await NewPool().WithEthLimits(Limits(0, Ether(2), Ether(5), Ether(1), Ether(0.5m))).WithoutMinterRight().BuildAsync(Ct);

        var deposited = TestPool.Event<DepositedEventDTO>(await pool.DepositEthAsync(9, Ether(1)));

        Assert.Equal((Ether(1), BigInteger.Zero), (deposited.Amount, deposited.Minted));
        Assert.Equal(BigInteger.Zero, await pool.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(9).Value));
        Assert.Equal(Ether(1), (await pool.TotalsAsync(TestPool.Eth)).Available);
    }

    [Fact]
    public async Task DepositToken_Stablecoin_CreditsAmountAndMintsOneTokenPerCoin()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);

        var deposited = TestPool.Event<DepositedEventDTO>(await pool.DepositTokenAsync(7, pool.Stablecoin, Coins(250)));

        Assert.Equal((Address(7).Value, pool.Stablecoin, Coins(250), Ether(250)), (deposited.Donor, deposited.Asset, deposited.Amount, deposited.Minted));
        Assert.Equal(Coins(250), await pool.TokenAs(0, pool.Stablecoin).BalanceOfQueryAsync(pool.Address.Value));
        Assert.Equal(BigInteger.Zero, await pool.TokenAs(0, pool.Stablecoin).BalanceOfQueryAsync(Address(7).Value));
        Assert.Equal(Ether(250), await pool.Community.TokenContractAs(0).GetVotesQueryAsync(Address(7).Value));
        var totals = await pool.TotalsAsync(pool.Stablecoin);
        Assert.Equal((Coins(250), Coins(250)), (totals.Deposited, totals.Available));
        Assert.Equal(BigInteger.Zero, (await pool.TotalsAsync(TestPool.Eth)).Deposited);
    }

    [Fact]
    public async Task DepositToken_FeeOnTransfer_CreditsAndMintsOnWhatArrived()
    {
        var pool = await NewPool().WithFeeToken(1_000).BuildAsync(Ct);

        var deposited = TestPool.Event<DepositedEventDTO>(await pool.DepositTokenAsync(7, pool.FeeToken, Ether(10)));

        Assert.Equal((Ether(9), Ether(9)), (deposited.Amount, deposited.Minted));
        Assert.Equal(Ether(9), await pool.TokenAs(0, pool.FeeToken).BalanceOfQueryAsync(pool.Address.Value));
        Assert.Equal(Ether(9), await pool.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(7).Value));
        var totals = await pool.TotalsAsync(pool.FeeToken);
        Assert.Equal((Ether(9), Ether(9)), (totals.Deposited, totals.Available));
    }

    [Fact]
    public async Task DepositToken_FeeTakesEverything_RevertsNothingReceived()
    {
        var pool = await NewPool().WithFeeToken(10_000).BuildAsync(Ct);

        var error = await AssertRevertsAsync<PoolNothingReceivedError>(() => pool.DepositTokenAsync(7, pool.FeeToken, Ether(10)));

        Assert.Equal(pool.FeeToken, error.Argument<string>("asset"));
        Assert.Equal(BigInteger.Zero, await pool.As(0).DepositCountQueryAsync());
        Assert.Equal(BigInteger.Zero, await pool.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(7).Value));
    }

    [Fact]
    public async Task DepositToken_AssetNotAllowed_RevertsAssetNotAllowed()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        var other = await DeployStablecoinAsync(Web3For(0), "OTH");

        var unknown = await AssertRevertsAsync<PoolAssetNotAllowedError>(() => pool.DepositTokenAsync(7, other, Coins(5)));
        var eth = await AssertRevertsAsync<PoolAssetNotAllowedError>(() => SendAsync(s => pool.As(7).DepositTokenRequestAndWaitForReceiptAsync(TestPool.Eth, 5, s)));

        Assert.Equal(other, unknown.Argument<string>("asset"));
        Assert.Equal(TestPool.Eth, eth.Argument<string>("asset"));
        Assert.Equal(BigInteger.Zero, await pool.As(0).DepositCountQueryAsync());
    }

    [Fact]
    public async Task Deposit_ZeroAmount_RevertsZeroAmount()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);

        await AssertRevertsAsync<PoolZeroAmountError>(() => pool.DepositEthAsync(9, 0));
        await AssertRevertsAsync<PoolZeroAmountError>(() => pool.DepositTokenAsync(9, pool.Stablecoin, 0));

        Assert.Equal(BigInteger.Zero, await pool.As(0).DepositCountQueryAsync());
    }

    [Fact]
    public async Task Deposit_PoolNotYetMinter_RevertsNotMinter()
    {
        var pool = await NewPool().WithoutMinterRight().BuildAsync(Ct);

        var error = await AssertRevertsAsync<ContributionTokenNotMinterError>(() => pool.DepositEthAsync(9, Ether(1)));

        Assert.Equal(pool.Address.Value, error.Argument<string>("account"));
        Assert.Equal(BigInteger.Zero, await pool.EthBalanceAsync(pool.Address));
    }

    [Fact]
    public async Task DepositToken_WithoutAllowance_RevertsInsufficientAllowance()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        var stablecoin = pool.TokenAs(7, pool.Stablecoin);
        await SendAsync(s => stablecoin.MintRequestAndWaitForReceiptAsync(Address(7).Value, Coins(50), s));

        var error = await AssertRevertsAsync<ERC20InsufficientAllowanceError>(() => SendAsync(s => pool.As(7).DepositTokenRequestAndWaitForReceiptAsync(pool.Stablecoin, Coins(50), s)));

        Assert.Equal((pool.Address.Value, BigInteger.Zero, Coins(50)),
            (error.Argument<string>("spender"), error.Argument<BigInteger>("allowance"), error.Argument<BigInteger>("needed")));
        Assert.Equal(Coins(50), await stablecoin.BalanceOfQueryAsync(Address(7).Value));
    }

    [Fact]
    public async Task Deposit_WhilePaused_StillWorks()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        await pool.PauseAsync(2);

        await pool.DepositEthAsync(9, Ether(1));
        await pool.DepositTokenAsync(9, pool.Stablecoin, Coins(10));

        Assert.True((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
        Assert.Equal(Ether(1), (await pool.TotalsAsync(TestPool.Eth)).Deposited);
        Assert.Equal(Coins(10), (await pool.TotalsAsync(pool.Stablecoin)).Deposited);
        Assert.Equal(Ether(11), await pool.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(9).Value));
    }
}
