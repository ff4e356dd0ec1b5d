using AidDao.Contracts.FundingRound.ContractDefinition;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>A successful round receipt in <see cref="RoundModel"/>'s words: "ok" and the round's events in log order.</summary>
internal static class RoundReceiptWords
{
    public static string Describe(TransactionReceipt receipt, Func<string, string> nameOf)
    {
        IEnumerable<(long Index, string Words)> events =
        [
            .. Decode<ContributedEventDTO>(receipt, e => $"contributed {e.ProjectId} {e.Amount} {(e.Matched ? "m" : "u")}"),
            .. Decode<VotedEventDTO>(receipt, e => $"voted {e.ProjectId} {e.Credits} votes {e.Votes} left {e.CreditsLeft}"),
            .. Decode<MatchingFundedEventDTO>(receipt, e => $"funded {e.Amount} pool {e.MatchingPool}"),
            .. Decode<RoundFinalizedEventDTO>(receipt, e => $"finalized matched {e.Matched} remainder {e.Remainder} raised {e.TotalRaised}"),
            .. Decode<ProjectPaidEventDTO>(receipt, e => $"paid {e.ProjectId} {e.Amount}"),
            .. Decode<PayoutDeferredEventDTO>(receipt, e => $"deferred {e.ProjectId} {e.Amount}"),
            .. Decode<TokensClaimedEventDTO>(receipt, e => $"tokens {e.Amount}"),
            .. Decode<SweptEventDTO>(receipt, e => $"swept {e.Amount}"),
            .. Decode<CancelApprovedEventDTO>(receipt, e => $"cancel {e.Approvals}/{e.Threshold}"),
            .. Decode<RoundCancelledEventDTO>(receipt, _ => "cancelled"),
            .. Decode<RefundedEventDTO>(receipt, e => $"refunded {nameOf(e.Account)} {e.ProjectId} {e.Amount}{(e.Delivered ? "" : " kept")}"),
            .. Decode<WithdrawnEventDTO>(receipt, e => $"withdrew {e.Amount}"),
        ];
        return string.Join(' ', [RoundModel.Ok, .. events.OrderBy(e => e.Index).Select(e => e.Words)]);
    }

    private static IEnumerable<(long, string)> Decode<TEvent>(TransactionReceipt receipt, Func<TEvent, string> words) where TEvent : IEventDTO, new() =>
        receipt.DecodeAllEvents<TEvent>().Select(e => ((long)e.Log.LogIndex.Value, words(e.Event)));
}
