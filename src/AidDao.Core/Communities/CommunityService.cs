using System.Numerics;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Web3;
using CommunityContract = AidDao.Contracts.Community.CommunityService;

namespace AidDao.Core.Communities;

/// <summary>
/// What stewards and members do in a community, in their words: admit and vouch for members, propose and approve
/// changes to stewards and rules, read who is who. Every call runs as the account of the <see cref="IWeb3"/> it was
/// made with; contract refusals arrive as <see cref="ContractRevertedException"/> with a readable message.
/// </summary>
public sealed class CommunityService
{
    private readonly CommunityContract _contract;
    private readonly IWeb3 _web3;

    private CommunityService(IWeb3 web3, EthAddress address, EthAddress token)
    {
        _web3 = web3;
        _contract = new CommunityContract(web3, address.Value);
        Address = address;
        Token = token;
    }

    /// <summary>The community contract.</summary>
    public EthAddress Address { get; }

    /// <summary>The community's ContributionToken.</summary>
    public EthAddress Token { get; }

    /// <summary>The community's contribution token, acting as the same account.</summary>
    public ContributionTokenService ContributionToken => new(_web3, Token);

    /// <summary>The account this service acts as.</summary>
    public EthAddress Caller => EthAddress.FromChain(_web3.TransactionManager.Account.Address);

    /// <summary>
    /// Connects to the community at <paramref name="address"/>, checking that a community contract is there; an address
    /// with no code or another contract gives an <see cref="AidDaoInputException"/> that says so.
    /// </summary>
    public static async Task<CommunityService> ConnectAsync(IWeb3 web3, EthAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        await ContractCode.RequireAsync(web3, address, "contract", cancellationToken).ConfigureAwait(false);
        var contract = new CommunityContract(web3, address.Value);
        string token;
        try
        {
            token = await ChainCall.QueryAsync(() => contract.TokenQueryAsync(), cancellationToken).ConfigureAwait(false);
            await ChainCall.QueryAsync(() => contract.StewardCountQueryAsync(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ChainUnavailableException)
        {
            throw new AidDaoInputException($"The contract at {address} is not an AidDao community: check the community address.", exception);
        }
        if (!EthAddress.TryParse(token, out var tokenAddress) || tokenAddress.IsZero)
            throw new AidDaoInputException($"The contract at {address} is not a set-up AidDao community: check the community address.");
        return new CommunityService(web3, address, tokenAddress);
    }

    /// <summary>Reads the community's name, stewards and rules.</summary>
    public async Task<CommunityInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var name = await Query(() => _contract.NameQueryAsync(), cancellationToken).ConfigureAwait(false);
        var stewards = await Query(() => _contract.StewardsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var threshold = await Query(() => _contract.ThresholdQueryAsync(), cancellationToken).ConfigureAwait(false);
        var admission = await Query(() => _contract.AdmissionApprovalsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var vouches = await Query(() => _contract.VouchesRequiredQueryAsync(), cancellationToken).ConfigureAwait(false);
        var members = await Query(() => _contract.MemberCountQueryAsync(), cancellationToken).ConfigureAwait(false);
        var proposals = await Query(() => _contract.ProposalCountQueryAsync(), cancellationToken).ConfigureAwait(false);
        return new CommunityInfo(Address, name, Token, stewards.Select(EthAddress.FromChain).ToList(),
            (int)threshold, (int)admission, (int)vouches, (int)members, proposals);
    }

    /// <summary>Whether <paramref name="account"/> is a member (stewards are members).</summary>
    public Task<bool> IsMemberAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        Query(() => _contract.IsMemberQueryAsync(account.Value), cancellationToken);

    /// <summary>Whether <paramref name="account"/> is a steward.</summary>
    public Task<bool> IsStewardAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        Query(() => _contract.IsStewardQueryAsync(account.Value), cancellationToken);

    /// <summary>Current steward approvals towards admitting <paramref name="candidate"/>.</summary>
    public async Task<int> GetAdmissionApprovalCountAsync(EthAddress candidate, CancellationToken cancellationToken = default) =>
        (int)await Query(() => _contract.AdmissionApprovalCountQueryAsync(candidate.Value), cancellationToken).ConfigureAwait(false);

    /// <summary>Vouches counted towards admitting <paramref name="candidate"/>.</summary>
    public async Task<int> GetVouchCountAsync(EthAddress candidate, CancellationToken cancellationToken = default) =>
        (int)await Query(() => _contract.VouchCountQueryAsync(candidate.Value), cancellationToken).ConfigureAwait(false);

    /// <summary>As a steward, approve admitting <paramref name="candidate"/>; they join when enough stewards approve.</summary>
    public async Task<AdmissionResult> AdmitMemberAsync(EthAddress candidate, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.ApproveAdmissionRequestAndWaitForReceiptAsync(candidate.Value, source), cancellationToken).ConfigureAwait(false);
        var approved = receipt.DecodeAllEvents<AdmissionApprovedEventDTO>().Single().Event;
        var admitted = receipt.DecodeAllEvents<MemberAdmittedEventDTO>().Count != 0;
        return new AdmissionResult(candidate, admitted, (int)approved.Approvals, (int)approved.Required, receipt.Outcome());
    }

    /// <summary>As a member, vouch for <paramref name="candidate"/>; they join when K members have vouched.</summary>
    public async Task<AdmissionResult> VouchAsync(EthAddress candidate, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.VouchRequestAndWaitForReceiptAsync(candidate.Value, source), cancellationToken).ConfigureAwait(false);
        var vouched = receipt.DecodeAllEvents<VouchedEventDTO>().Single().Event;
        var admitted = receipt.DecodeAllEvents<MemberAdmittedEventDTO>().Count != 0;
        return new AdmissionResult(candidate, admitted, (int)vouched.Vouches, (int)vouched.Required, receipt.Outcome());
    }

    /// <summary>
    /// As a steward, propose a change. Your approval counts at once, so with M = 1 the change is made in this transaction.
    /// </summary>
    /// <param name="action">What to change.</param>
    /// <param name="target">The steward, member or minter the change is about (stewards, members, minters).</param>
    /// <param name="value">The number to set (threshold, admission approvals, vouches).</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async Task<ProposalResult> ProposeAsync(ProposalAction action, EthAddress? target = null, BigInteger? value = null, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(action)) throw new AidDaoInputException($"'{action}' is not a proposal action.");
        if (value is { Sign: < 0 }) throw new AidDaoInputException("A proposal's value cannot be negative.");
        var receipt = await Send(source => _contract.ProposeRequestAndWaitForReceiptAsync(
            (byte)action, (target ?? EthAddress.Zero).Value, value ?? BigInteger.Zero, source), cancellationToken).ConfigureAwait(false);
        return ProposalOutcome(receipt);
    }

    /// <summary>Proposes making <paramref name="steward"/> a steward.</summary>
    public Task<ProposalResult> ProposeAddStewardAsync(EthAddress steward, CancellationToken cancellationToken = default) =>
        ProposeAsync(ProposalAction.AddSteward, steward, null, cancellationToken);

    /// <summary>Proposes removing <paramref name="steward"/>'s steward role.</summary>
    public Task<ProposalResult> ProposeRemoveStewardAsync(EthAddress steward, CancellationToken cancellationToken = default) =>
        ProposeAsync(ProposalAction.RemoveSteward, steward, null, cancellationToken);

    /// <summary>Proposes a new threshold M.</summary>
    public Task<ProposalResult> ProposeThresholdAsync(int threshold, CancellationToken cancellationToken = default) =>
        ProposeAsync(ProposalAction.SetThreshold, null, threshold, cancellationToken);

    /// <summary>Proposes a new K (member vouches needed to admit; 0 = stewards only).</summary>
    public Task<ProposalResult> ProposeVouchesRequiredAsync(int vouches, CancellationToken cancellationToken = default) =>
        ProposeAsync(ProposalAction.SetVouchesRequired, null, vouches, cancellationToken);

    /// <summary>Proposes how many steward approvals admit a member.</summary>
    public Task<ProposalResult> ProposeAdmissionApprovalsAsync(int approvals, CancellationToken cancellationToken = default) =>
        ProposeAsync(ProposalAction.SetAdmissionApprovals, null, approvals, cancellationToken);

    /// <summary>Proposes removing <paramref name="member"/> from the community.</summary>
    public Task<ProposalResult> ProposeRemoveMemberAsync(EthAddress member, CancellationToken cancellationToken = default) =>
        ProposeAsync(ProposalAction.RemoveMember, member, null, cancellationToken);

    /// <summary>Proposes allowing (or revoking) <paramref name="minter"/> to mint contribution tokens.</summary>
    public Task<ProposalResult> ProposeMinterAsync(EthAddress minter, bool allowed, CancellationToken cancellationToken = default) =>
        ProposeAsync(allowed ? ProposalAction.SetMinter : ProposalAction.UnsetMinter, minter, null, cancellationToken);

    /// <summary>As a steward, approve proposal <paramref name="proposalId"/>; the approval that reaches M makes the change.</summary>
    public async Task<ProposalResult> ApproveAsync(BigInteger proposalId, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.ApproveRequestAndWaitForReceiptAsync(proposalId, source), cancellationToken).ConfigureAwait(false);
        return ProposalOutcome(receipt);
    }

    /// <summary>Makes the change of a proposal that already has M current approvals (for instance after M was lowered).</summary>
    public async Task<TransactionOutcome> ExecuteAsync(BigInteger proposalId, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.ExecuteRequestAndWaitForReceiptAsync(proposalId, source), cancellationToken).ConfigureAwait(false);
        return receipt.Outcome();
    }

    /// <summary>As its proposer, withdraw a pending proposal.</summary>
    public async Task<TransactionOutcome> CancelAsync(BigInteger proposalId, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.CancelRequestAndWaitForReceiptAsync(proposalId, source), cancellationToken).ConfigureAwait(false);
        return receipt.Outcome();
    }

    /// <summary>Reads proposal <paramref name="proposalId"/> with its current approval count.</summary>
    public async Task<ProposalInfo> GetProposalAsync(BigInteger proposalId, CancellationToken cancellationToken = default)
    {
        var proposal = (await Query(() => _contract.GetProposalQueryAsync(proposalId), cancellationToken).ConfigureAwait(false)).ReturnValue1;
        var approvals = await Query(() => _contract.ApprovalCountQueryAsync(proposalId), cancellationToken).ConfigureAwait(false);
        return new ProposalInfo(proposalId, (ProposalAction)proposal.Action, (ProposalStatus)proposal.Status,
            EthAddress.FromChain(proposal.Proposer), EthAddress.FromChain(proposal.Target), proposal.Value,
            DateTimeOffset.FromUnixTimeSeconds((long)proposal.ExpiresAt), (int)approvals);
    }

    /// <summary>Whether <paramref name="steward"/>'s approval of <paramref name="proposalId"/> counts now.</summary>
    public Task<bool> HasApprovedAsync(BigInteger proposalId, EthAddress steward, CancellationToken cancellationToken = default) =>
        Query(() => _contract.HasApprovedQueryAsync(proposalId, steward.Value), cancellationToken);

    private static ProposalResult ProposalOutcome(Nethereum.RPC.Eth.DTOs.TransactionReceipt receipt)
    {
        var approved = receipt.DecodeAllEvents<ProposalApprovedEventDTO>().Single().Event;
        var executed = receipt.DecodeAllEvents<ProposalExecutedEventDTO>().Count != 0;
        return new ProposalResult(approved.ProposalId, (int)approved.Approvals, (int)approved.Threshold, executed, receipt.Outcome());
    }

    private static Task<T> Query<T>(Func<Task<T>> query, CancellationToken cancellationToken) => ChainCall.QueryAsync(query, cancellationToken);

    private static Task<Nethereum.RPC.Eth.DTOs.TransactionReceipt> Send(
        Func<CancellationTokenSource, Task<Nethereum.RPC.Eth.DTOs.TransactionReceipt>> send, CancellationToken cancellationToken) =>
        ChainCall.SendAsync(send, cancellationToken);
}
