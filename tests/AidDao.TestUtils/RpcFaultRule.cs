using System.Text.Json;

namespace AidDao.TestUtils;

/// <summary>One <see cref="RpcFaultProxy.FailNext"/> rule: which requests it matches and how many it still fails.</summary>
internal sealed class RpcFaultRule(string? method, Func<JsonElement, bool>? paramsMatch, int count, RpcFault fault)
{
    public RpcFault Fault { get; } = fault;

    public int Remaining { get; private set; } = count;

    /// <summary>Whether the rule applies to a request; the caller holds the proxy's lock.</summary>
    public bool Matches(string requestMethod, JsonElement parameters) =>
        Remaining > 0
        && (method is null || string.Equals(method, requestMethod, StringComparison.Ordinal))
        && (paramsMatch is null || paramsMatch(parameters));

    /// <summary>Uses up one failure; the caller holds the proxy's lock.</summary>
    public void Consume() => Remaining--;
}
