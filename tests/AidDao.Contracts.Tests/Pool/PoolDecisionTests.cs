using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>Steward decisions on requests: M approvals pay in the same transaction, M rejections decline, and only current stewards count.</summary>
public sealed class PoolDecisionTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task Approve_FirstOfTwo_RecordsApprovalWithoutPaying()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        var before = await pool.EthBalanceAsync(Address(6));

        var receipt = await pool.ApproveAsync(1, id);

        var approved = TestPool.Event<RequestApprovedEventDTO>(receipt);
        Assert.Equal((id, Address(1).Value, BigInteger.One, new BigInteger(2)), (approved.RequestId, approved.Steward, approved.Approvals, approved.Required));
        Assert.Empty(receipt.DecodeAllEvents<AidPaidEventDTO>());
        Assert.Equal(Pending, (await pool.GetRequestAsync(id)).Status);
        Assert.True(await pool.As(0).HasApprovedQueryAsync(id, Address(1).Value));
        Assert.False(await pool.As(0).HasApprovedQueryAsync(id, Address(2).Value));
        Assert.Equal(BigInteger.One, await pool.As(0).ApprovalCountQueryAsync(id));
        Assert.Equal(before, await pool.EthBalanceAsync(Address(6)));
    }

    [Fact]
    public async Task Approve_SecondOfTwo_PaysRecipientInTheSameTransaction()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1.25m), Address(6));
        await pool.ApproveAsync(1, id);
        var before = await pool.EthBalanceAsync(Address(6));

        var receipt = await pool.ApproveAsync(2, id);

        var approved = TestPool.Event<RequestApprovedEventDTO>(receipt);
        Assert.Equal((new BigInteger(2), new BigInteger(2)), (approved.Approvals, approved.Required));
        var paid = TestPool.Event<AidPaidEventDTO>(receipt);
        Assert.Equal((id, Address(6).Value, TestPool.Eth, Ether(1.25m), true), (paid.RequestId, paid.Recipient, paid.Asset, paid.Amount, paid.Delivered));
        Assert.Equal(before + Ether(1.25m), await pool.EthBalanceAsync(Address(6)));
        Assert.Equal(Ether(3.75m), await pool.EthBalanceAsync(pool.Address));
        Assert.Equal(Paid, (await pool.GetRequestAsync(id)).Status);
        Assert.Equal(await pool.BlockTimeAsync(), await pool.As(0).LastPaidAtQueryAsync(Address(6).Value));
        var totals = await pool.TotalsAsync(TestPool.Eth);
        Assert.Equal((Ether(5), Ether(1.25m), BigInteger.Zero, Ether(3.75m), Ether(1.25m)),
            (totals.Deposited, totals.PaidOut, totals.Owed, totals.Available, totals.WindowUsed));
        Assert.Equal(BigInteger.Zero, await pool.As(0).OwedToQueryAsync(Address(6).Value, TestPool.Eth));
    }

    [Fact]
    public async Task Approve_Paid_RequestCannotBeApprovedOrExecutedAgain()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveByMAsync(id);

        var approve = await AssertRevertsAsync<PoolRequestNotPendingError>(() => pool.ApproveAsync(0, id));
        await AssertRevertsAsync<PoolRequestNotPendingError>(() => pool.ExecuteAsync(9, id));

        Assert.Equal(new BigInteger(Paid), approve.Argument<BigInteger>("status"));
        Assert.Equal(Ether(1), (await pool.TotalsAsync(TestPool.Eth)).PaidOut);
    }

    [Fact]
    public async Task Approve_Twice_RevertsAlreadyApproved()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolAlreadyApprovedError>(() => pool.ApproveAsync(1, id));

        Assert.Equal((id, Address(1).Value), (error.Argument<BigInteger>("requestId"), error.Argument<string>("steward")));
        Assert.Equal(BigInteger.One, await pool.As(0).ApprovalCountQueryAsync(id));
        Assert.Equal(Pending, (await pool.GetRequestAsync(id)).Status);
    }

    [Fact]
    public async Task ApproveAfterReject_RevertsAlreadyRejected_AndRejectAfterApproveRevertsAlreadyApproved()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await SendAsync(s => pool.As(1).RejectRequestAndWaitForReceiptAsync(id, s));
        await pool.ApproveAsync(2, id);

        var approve = await AssertRevertsAsync<PoolAlreadyRejectedError>(() => pool.ApproveAsync(1, id));
        var reject = await AssertRevertsAsync<PoolAlreadyApprovedError>(() => SendAsync(s => pool.As(2).RejectRequestAndWaitForReceiptAsync(id, s)));

        Assert.Equal(Address(1).Value, approve.Argument<string>("steward"));
        Assert.Equal(Address(2).Value, reject.Argument<string>("steward"));
        Assert.Equal((BigInteger.One, BigInteger.One), (await pool.As(0).ApprovalCountQueryAsync(id), await pool.As(0).RejectionCountQueryAsync(id)));
    }

    [Fact]
    public async Task Approve_StewardWhoFiledTheRequest_RevertsSelfApproval()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(0, Ether(1), Address(6));

        var error = await AssertRevertsAsync<PoolSelfApprovalError>(() => pool.ApproveAsync(0, id));

        Assert.Equal((id, Address(0).Value), (error.Argument<BigInteger>("requestId"), error.Argument<string>("steward")));
        Assert.Equal(BigInteger.Zero, await pool.As(0).ApprovalCountQueryAsync(id));
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ApproveByMAsync(id)).Delivered);
    }

    [Fact]
    public async Task Approve_StewardWhoWouldBePaid_RevertsSelfApproval()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(1));

        var error = await AssertRevertsAsync<PoolSelfApprovalError>(() => pool.ApproveAsync(1, id));

        Assert.Equal(Address(1).Value, error.Argument<string>("steward"));
        Assert.Equal(BigInteger.Zero, await pool.As(0).ApprovalCountQueryAsync(id));
    }

    [Fact]
    public async Task Decide_ByNonSteward_RevertsNotSteward()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));

        var byMember = await AssertRevertsAsync<PoolNotStewardError>(() => pool.ApproveAsync(4, id));
        var byOutsider = await AssertRevertsAsync<PoolNotStewardError>(() => SendAsync(s => pool.As(7).RejectRequestAndWaitForReceiptAsync(id, s)));

        Assert.Equal(Address(4).Value, byMember.Argument<string>("account"));
        Assert.Equal(Address(7).Value, byOutsider.Argument<string>("account"));
        Assert.Equal((BigInteger.Zero, BigInteger.Zero), (await pool.As(0).ApprovalCountQueryAsync(id), await pool.As(0).RejectionCountQueryAsync(id)));
    }

    [Fact]
    public async Task RemovedSteward_CannotApprove_AndTheirEarlierApprovalStopsCounting()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveAsync(2, id);
        Assert.Equal(BigInteger.One, await pool.As(0).ApprovalCountQueryAsync(id));

        await pool.PassCommunityProposalAsync(steward => steward.ProposeRemoveStewardAsync(Address(2), Ct));

        Assert.Equal(BigInteger.Zero, await pool.As(0).ApprovalCountQueryAsync(id));
        Assert.False(await pool.As(0).HasApprovedQueryAsync(id, Address(2).Value));
        var error = await AssertRevertsAsync<PoolNotStewardError>(() => pool.ApproveAsync(2, id));
        Assert.Equal(Address(2).Value, error.Argument<string>("account"));
        var first = await pool.ApproveAsync(1, id);
        Assert.Equal(BigInteger.One, TestPool.Event<RequestApprovedEventDTO>(first).Approvals);
        Assert.Empty(first.DecodeAllEvents<AidPaidEventDTO>());
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ApproveAsync(0, id)).Delivered);
    }

    [Fact]
    public async Task ReaddedSteward_StartsWithoutTheirEarlierApproval()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveAsync(2, id);
        await pool.PassCommunityProposalAsync(steward => steward.ProposeRemoveStewardAsync(Address(2), Ct));

        await pool.PassCommunityProposalAsync(steward => steward.ProposeAddStewardAsync(Address(2), Ct));

        Assert.Equal(BigInteger.Zero, await pool.As(0).ApprovalCountQueryAsync(id));
        Assert.False(await pool.As(0).HasApprovedQueryAsync(id, Address(2).Value));
        var again = TestPool.Event<RequestApprovedEventDTO>(await pool.ApproveAsync(2, id));
        Assert.Equal((BigInteger.One, new BigInteger(2)), (again.Approvals, again.Required));
        Assert.Equal(Pending, (await pool.GetRequestAsync(id)).Status);
    }

    [Fact]
    public async Task Reject_ByM_DeclinesTheRequest()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));

        var first = await SendAsync(s => pool.As(0).RejectRequestAndWaitForReceiptAsync(id, s));
        var second = await SendAsync(s => pool.As(1).RejectRequestAndWaitForReceiptAsync(id, s));

        var rejected = TestPool.Event<RequestRejectedEventDTO>(first);
        Assert.Equal((id, Address(0).Value, BigInteger.One, new BigInteger(2)), (rejected.RequestId, rejected.Steward, rejected.Rejections, rejected.Threshold));
        Assert.Empty(first.DecodeAllEvents<RequestDeclinedEventDTO>());
        Assert.Equal(new BigInteger(2), TestPool.Event<RequestRejectedEventDTO>(second).Rejections);
        Assert.Equal(id, TestPool.Event<RequestDeclinedEventDTO>(second).RequestId);
        Assert.Equal(Rejected, (await pool.GetRequestAsync(id)).Status);
        Assert.True(await pool.As(0).HasRejectedQueryAsync(id, Address(1).Value));
        Assert.Equal(new BigInteger(2), await pool.As(0).RejectionCountQueryAsync(id));
        var error = await AssertRevertsAsync<PoolRequestNotPendingError>(() => pool.ApproveAsync(2, id));
        Assert.Equal(new BigInteger(Rejected), error.Argument<BigInteger>("status"));
        await AssertRevertsAsync<PoolRequestNotPendingError>(() => pool.ExecuteAsync(9, id));
        Assert.Equal(Ether(5), (await pool.TotalsAsync(TestPool.Eth)).Available);
    }

    [Fact]
    public async Task Execute_BelowThreshold_RevertsNotEnoughApprovals_ThenPaysOnceMIsLowered()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolNotEnoughApprovalsError>(() => pool.ExecuteAsync(9, id));
        Assert.Equal((id, BigInteger.One, new BigInteger(2)),
            (error.Argument<BigInteger>("requestId"), error.Argument<BigInteger>("approvals"), error.Argument<BigInteger>("required")));

        await pool.PassCommunityProposalAsync(steward => steward.ProposeThresholdAsync(1, Ct));
        Assert.Equal(BigInteger.One, await pool.As(0).RequiredApprovalsQueryAsync(id));
        var before = await pool.EthBalanceAsync(Address(6));

        var paid = TestPool.Event<AidPaidEventDTO>(await pool.ExecuteAsync(9, id));

        Assert.Equal((id, Ether(1), true), (paid.RequestId, paid.Amount, paid.Delivered));
        Assert.Equal(before + Ether(1), await pool.EthBalanceAsync(Address(6)));
        Assert.Equal(Paid, (await pool.GetRequestAsync(id)).Status);
    }

    [Fact]
    public async Task Execute_WithNoApprovals_RevertsNotEnoughApprovals()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));

        var error = await AssertRevertsAsync<PoolNotEnoughApprovalsError>(() => pool.ExecuteAsync(3, id));

        Assert.Equal(BigInteger.Zero, error.Argument<BigInteger>("approvals"));
    }
}
