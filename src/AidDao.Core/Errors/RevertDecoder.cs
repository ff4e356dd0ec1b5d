using System.Collections.Frozen;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;

namespace AidDao.Core;

/// <summary>
/// Turns what Nethereum throws for a failed call into AidDao's exceptions: custom errors of every generated binding are
/// decoded into <see cref="ContractRevertedException"/> with a sentence from <see cref="RevertMessages"/>; an unreachable
/// node becomes <see cref="ChainUnavailableException"/>. Anything else is returned unchanged.
/// </summary>
public static class RevertDecoder
{
    private const string ErrorStringSelector = "08c379a0";
    private const string PanicSelector = "4e487b71";

    private static readonly Lazy<FrozenDictionary<string, ErrorABI>> ErrorsBySelector = new(LoadErrors);

    /// <summary>The custom errors of every generated binding, by name.</summary>
    public static IReadOnlyCollection<string> KnownErrorNames => ErrorsBySelector.Value.Values.Select(e => e.Name).ToHashSet();

    /// <summary>Whether a user-facing sentence exists for <paramref name="errorName"/>.</summary>
    public static bool HasMessage(string errorName) => RevertMessages.Has(errorName);

    /// <summary>Translates <paramref name="exception"/>; <paramref name="rpcUrl"/> is named when the node cannot be reached.</summary>
    public static Exception Translate(Exception exception, Uri? rpcUrl = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case AidDaoException:
                return exception;
            case SmartContractCustomErrorRevertException custom:
                return SafeDecode(custom.ExceptionEncodedData, exception);
            case SmartContractRevertException revert:
                return new ContractRevertedException("Error", new Dictionary<string, object?> { ["reason"] = revert.RevertMessage },
                    $"The contract refused the call: {revert.RevertMessage}.", exception);
            case RpcResponseException rpc when RevertData(rpc.RpcError) is { } data:
                return SafeDecode(data, exception);
            case RpcResponseException rpc when rpc.RpcError?.Message is { } message && message.Contains("revert", StringComparison.OrdinalIgnoreCase):
                return new ContractRevertedException($"The contract refused the call ({message}).", exception);
            case RpcResponseException rpc:
                return new ChainRefusedException(
                    $"The node refused the request: {rpc.RpcError?.Message ?? rpc.Message}. Check the signer's balance, nonce and fees.", exception);
            case RpcClientUnknownException or HttpRequestException or RpcClientTimeoutException:
                return new ChainUnavailableException(
                    $"Cannot reach the chain at {(rpcUrl is null ? "the configured RPC URL" : Redaction.Url(rpcUrl))}: {Innermost(exception).Message} Is the node running, and is the URL right?",
                    exception);
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return Translate(aggregate.InnerExceptions[0], rpcUrl);
            default:
                return exception;
        }
    }

    private static ContractRevertedException SafeDecode(string? revertData, Exception cause)
    {
        try
        {
            return Decode(revertData, cause);
        }
        catch (Exception malformed) when (malformed is not OutOfMemoryException)
        {
            return new ContractRevertedException("The contract refused the call with error data that could not be decoded.", cause);
        }
    }

    /// <summary>Decodes raw revert data (hex, with or without 0x).</summary>
    public static ContractRevertedException Decode(string? revertData, Exception? cause = null)
    {
        var hex = (revertData ?? "").StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? revertData![2..] : revertData ?? "";
        if (hex.Length < 8)
            return new ContractRevertedException("The contract refused the call without saying why.", cause);
        var selector = hex[..8].ToLowerInvariant();
        var body = "0x" + hex[8..];
        if (selector == ErrorStringSelector)
        {
            var reason = new ParameterDecoder().DecodeDefaultData(body, new Parameter("string", "reason")).Single().Result as string ?? "";
            return new ContractRevertedException("Error", new Dictionary<string, object?> { ["reason"] = reason },
                $"The contract refused the call: {reason}.", cause);
        }
        if (selector == PanicSelector)
        {
            var code = new ParameterDecoder().DecodeDefaultData(body, new Parameter("uint256", "code")).Single().Result;
            return new ContractRevertedException("Panic", new Dictionary<string, object?> { ["code"] = code },
                $"The contract stopped with an internal error (panic 0x{code:x2}); this is a bug, please report it.", cause);
        }
        if (!ErrorsBySelector.Value.TryGetValue(selector, out var error))
            return new ContractRevertedException($"The contract refused the call with an unknown error (selector 0x{selector}).", cause);

        var outputs = new ParameterDecoder().DecodeDefaultData(body, error.InputParameters);
        var arguments = outputs.ToDictionary(o => o.Parameter.Name, o => (object?)o.Result);
        return new ContractRevertedException(error.Name, arguments, RevertMessages.Render(error.Name, arguments), cause);
    }

    private static string? RevertData(RpcError? error)
    {
        var data = error?.Data switch
        {
            null => null,
            string s => s,
            Newtonsoft.Json.Linq.JValue v => v.Value as string,
            Newtonsoft.Json.Linq.JObject o => (string?)o["data"],
            _ => error.GetDataAsString(),
        };
        return data is not null && data.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && data.Length >= 10 ? data : null;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null) exception = exception.InnerException;
        return exception;
    }

    private static FrozenDictionary<string, ErrorABI> LoadErrors()
    {
        var bindings = typeof(AidDao.Contracts.Community.CommunityService).Assembly;
        var errors = new Dictionary<string, ErrorABI>(StringComparer.Ordinal);
        foreach (var type in bindings.GetTypes().Where(t => t.GetCustomAttribute<ErrorAttribute>() is not null))
        {
            var abi = ABITypedRegistry.GetError(type);
            errors.TryAdd(abi.Sha3Signature.Replace("0x", "", StringComparison.Ordinal).ToLowerInvariant(), abi);
        }
        return errors.ToFrozenDictionary();
    }
}
