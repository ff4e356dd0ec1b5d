using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Transactions;
using AidDao.TestUtils;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>Aid requests: who may file them, what a request must hold, cancelling, and expiry.</summary>
public sealed class PoolRequestTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task RequestAid_ByMember_RecordsThePendingRequest()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var receipt = await SendAsync(s => pool.As(3).RequestAidRequestAndWaitForReceiptAsync(TestPool.Eth, Ether(1), Address(6).Value, 4, TestPool.Details, s));

        var requested = TestPool.Event<AidRequestedEventDTO>(receipt);
        var filedAt = await pool.BlockTimeAsync();
        Assert.Equal((BigInteger.One, Address(3).Value, Address(6).Value, TestPool.Eth, Ether(1), (byte)4),
            (requested.RequestId, requested.Requester, requested.Recipient, requested.Asset, requested.Amount, requested.Urgency));
        Assert.Equal(TestPool.Details, requested.DetailsHash);
        Assert.Equal(filedAt + 7 * 86_400, requested.ExpiresAt);
        var request = await pool.GetRequestAsync(1);
        Assert.Equal((Address(3).Value, (byte)4, Pending, filedAt, filedAt + 7 * 86_400),
            (request.Requester, request.Urgency, request.Status, request.CreatedAt, request.ExpiresAt));
        Assert.Equal((Address(6).Value, TestPool.Eth, Ether(1)), (request.Recipient, request.Asset, request.Amount));
        Assert.Equal(TestPool.Details, request.DetailsHash);
        Assert.Equal(BigInteger.One, await pool.As(0).RequestCountQueryAsync());
        Assert.False(await pool.As(0).IsExpiredQueryAsync(1));
        Assert.Equal(BigInteger.Zero, await pool.As(0).ApprovalCountQueryAsync(1));
        Assert.Equal(new BigInteger(2), await pool.As(0).RequiredApprovalsQueryAsync(1));
    }

    [Fact]
    public async Task RequestAid_IdenticalRequests_GetDistinctIncreasingIds()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var first = await pool.RequestAidAsync(3, Ether(1), Address(6));
        var second = await pool.RequestAidAsync(3, Ether(1), Address(6));
        var third = await pool.RequestAidAsync(4, Ether(1), Address(6));

        Assert.Equal([BigInteger.One, 2, 3], [first, second, third]);
        Assert.Equal(new BigInteger(3), await pool.As(0).RequestCountQueryAsync());
        Assert.Equal(Address(4).Value, (await pool.GetRequestAsync(3)).Requester);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task RequestAid_UrgencyAtTheBounds_IsAccepted(byte urgency)
    {
        var pool = await NewPool().BuildAsync(Ct);

        var id = await pool.RequestAidAsync(3, Ether(2), Address(3), urgency: urgency);

        Assert.Equal(urgency, (await pool.GetRequestAsync(id)).Urgency);
    }

    [Fact]
    public async Task RequestAid_ByNonMember_RevertsNotMember()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var error = await AssertRevertsAsync<PoolNotMemberError>(() => pool.RequestAidAsync(6, Ether(1), Address(6)));

        Assert.Equal(Address(6).Value, error.Argument<string>("account"));
        Assert.Equal(BigInteger.Zero, await pool.As(0).RequestCountQueryAsync());
    }

    [Fact]
    public async Task RequestAid_AssetNotAllowed_RevertsAssetNotAllowed()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var token = RandomAddress().Value;

        var error = await AssertRevertsAsync<PoolAssetNotAllowedError>(() => pool.RequestAidAsync(3, 1, Address(3), token));

        Assert.Equal(token, error.Argument<string>("asset"));
    }

    [Fact]
    public async Task RequestAid_ZeroAmount_RevertsZeroAmount()
    {
        var pool = await NewPool().BuildAsync(Ct);

        await AssertRevertsAsync<PoolZeroAmountError>(() => pool.RequestAidAsync(3, 0, Address(3)));
    }

    [Fact]
    public async Task RequestAid_OverPerRequestMax_RevertsOverRequestLimit()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var error = await AssertRevertsAsync<PoolOverRequestLimitError>(() => pool.RequestAidAsync(3, Ether(2) + 1, Address(3)));

        Assert.Equal((TestPool.Eth, Ether(2) + 1, Ether(2)),
            (error.Argument<string>("asset"), error.Argument<BigInteger>("amount"), error.Argument<BigInteger>("max")));
    }

    [Fact]
    public async Task RequestAid_ZeroOrPoolRecipient_RevertsInvalidRecipient()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var zero = await AssertRevertsAsync<PoolInvalidRecipientError>(() => pool.RequestAidAsync(3, Ether(1), EthAddress.Zero));
        var self = await AssertRevertsAsync<PoolInvalidRecipientError>(() => pool.RequestAidAsync(3, Ether(1), pool.Address));

        Assert.Equal(EthAddress.Zero.Value, zero.Argument<string>("recipient"));
        Assert.Equal(pool.Address.Value, self.Argument<string>("recipient"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task RequestAid_UrgencyOutOfRange_RevertsInvalidUrgency(byte urgency)
    {
        var pool = await NewPool().BuildAsync(Ct);

        var error = await AssertRevertsAsync<PoolInvalidUrgencyError>(() => pool.RequestAidAsync(3, Ether(1), Address(3), urgency: urgency));

        Assert.Equal(new BigInteger(urgency), error.Argument<BigInteger>("urgency"));
    }

    [Fact]
    public async Task RequestAid_WithoutDetailsHash_RevertsMissingDetails()
    {
        var pool = await NewPool().BuildAsync(Ct);

        await AssertRevertsAsync<PoolMissingDetailsError>(() =>
            SendAsync(s => pool.As(3).RequestAidRequestAndWaitForReceiptAsync(TestPool.Eth, Ether(1), Address(3).Value, 3, new byte[32], s)));
    }

    [Fact]
    public async Task Cancel_ByRequester_ClosesTheRequest()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));

        var cancelled = TestPool.Event<RequestCancelledEventDTO>(await SendAsync(s => pool.As(3).CancelRequestAndWaitForReceiptAsync(id, s)));

        Assert.Equal((id, Address(3).Value), (cancelled.RequestId, cancelled.By));
        Assert.Equal(Cancelled, (await pool.GetRequestAsync(id)).Status);
        var error = await AssertRevertsAsync<PoolRequestNotPendingError>(() => pool.ApproveAsync(0, id));
        Assert.Equal((id, new BigInteger(Cancelled)), (error.Argument<BigInteger>("requestId"), error.Argument<BigInteger>("status")));
    }

    [Fact]
    public async Task Cancel_ByAnotherMemberOrSteward_RevertsNotRequester()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));

        var byMember = await AssertRevertsAsync<PoolNotRequesterError>(() => SendAsync(s => pool.As(4).CancelRequestAndWaitForReceiptAsync(id, s)));
        var bySteward = await AssertRevertsAsync<PoolNotRequesterError>(() => SendAsync(s => pool.As(0).CancelRequestAndWaitForReceiptAsync(id, s)));

        Assert.Equal((id, Address(4).Value), (byMember.Argument<BigInteger>("requestId"), byMember.Argument<string>("account")));
        Assert.Equal(Address(0).Value, bySteward.Argument<string>("account"));
        Assert.Equal(Pending, (await pool.GetRequestAsync(id)).Status);
    }

    [Fact]
    public async Task Cancel_Twice_RevertsRequestNotPending()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await SendAsync(s => pool.As(3).CancelRequestAndWaitForReceiptAsync(id, s));

        var error = await AssertRevertsAsync<PoolRequestNotPendingError>(() => SendAsync(s => pool.As(3).CancelRequestAndWaitForReceiptAsync(id, s)));

        Assert.Equal(new BigInteger(Cancelled), error.Argument<BigInteger>("status"));
    }

    [Fact]
    public async Task UnknownRequest_RevertsUnknownRequestEverywhere()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await pool.RequestAidAsync(3, Ether(1), Address(6));

        var cancel = await AssertRevertsAsync<PoolUnknownRequestError>(() => SendAsync(s => pool.As(3).CancelRequestAndWaitForReceiptAsync(2, s)));
        await AssertRevertsAsync<PoolUnknownRequestError>(() => pool.ApproveAsync(0, 2));
        await AssertRevertsAsync<PoolUnknownRequestError>(() => SendAsync(s => pool.As(0).RejectRequestAndWaitForReceiptAsync(0, s)));
        await AssertRevertsAsync<PoolUnknownRequestError>(() => pool.ExecuteAsync(9, 2));
        await AssertRevertsAsync<PoolUnknownRequestError>(() => ChainCall.QueryAsync(() => pool.As(0).GetRequestQueryAsync(2), Ct));

        Assert.Equal(new BigInteger(2), cancel.Argument<BigInteger>("requestId"));
    }

    [Fact]
    public async Task Request_PastItsLifetime_IsExpiredAndCannotBeDecided()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await pool.DepositEthAsync(9, Ether(5));
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveAsync(0, id);
        var expiresAt = (await pool.GetRequestAsync(id)).ExpiresAt;

        await Devnet.IncreaseTimeAsync(TimeSpan.FromDays(7), Ct);

        Assert.True(await pool.As(0).IsExpiredQueryAsync(id));
        Assert.Equal(Pending, (await pool.GetRequestAsync(id)).Status);
        var approve = await AssertRevertsAsync<PoolRequestExpiredError>(() => pool.ApproveAsync(1, id));
        Assert.Equal((id, new BigInteger(expiresAt)), (approve.Argument<BigInteger>("requestId"), approve.Argument<BigInteger>("expiredAt")));
        await AssertRevertsAsync<PoolRequestExpiredError>(() => SendAsync(s => pool.As(1).RejectRequestAndWaitForReceiptAsync(id, s)));
        await AssertRevertsAsync<PoolRequestExpiredError>(() => pool.ExecuteAsync(9, id));
        Assert.Equal(Ether(5), (await pool.TotalsAsync(TestPool.Eth)).Available);
    }

    [Fact]
    public async Task Request_OneSecondBeforeExpiry_CanStillBeApproved_AtExpiryCannot()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await pool.DepositEthAsync(9, Ether(5));
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        var expiresAt = (await pool.GetRequestAsync(id)).ExpiresAt;

        await pool.SetNextBlockTimeAsync(expiresAt - 1);
        await pool.ApproveAsync(0, id);
        await pool.SetNextBlockTimeAsync(expiresAt);

        await AssertRevertsAsync<PoolRequestExpiredError>(() => pool.ApproveAsync(1, id));
        Assert.Equal(BigInteger.One, await pool.As(0).ApprovalCountQueryAsync(id));
    }

    [Fact]
    public async Task Cancel_ExpiredRequest_IsAllowed()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await Devnet.IncreaseTimeAsync(TimeSpan.FromDays(8), Ct);

        await SendAsync(s => pool.As(3).CancelRequestAndWaitForReceiptAsync(id, s));

        Assert.Equal(Cancelled, (await pool.GetRequestAsync(id)).Status);
        Assert.False(await pool.As(0).IsExpiredQueryAsync(id));
    }
}
