using AidDao.Contracts.Community.ContractDefinition;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Xunit;

namespace AidDao.Core.Tests;

/// <summary>RevertDecoder.Translate: what Nethereum throws becomes an AidDao exception a person can read.</summary>
public class RevertTranslationTests
{
    [Fact]
    public void Translate_NodeRefusalWithoutRevertData_BecomesChainRefusedQuotingTheNode()
    {
        var refusal = new RpcResponseException(new RpcError(-32003, "Insufficient funds for gas * price + value"));

        var translated = Assert.IsType<ChainRefusedException>(RevertDecoder.Translate(refusal));

        Assert.Equal("The node refused the request: Insufficient funds for gas * price + value. Check the signer's balance, nonce and fees.", translated.Message);
        Assert.Same(refusal, translated.InnerException);
    }

    [Fact]
    public void Translate_KnownSelectorWithTruncatedArguments_FallsBackToReadableError()
    {
        var selector = ABITypedRegistry.GetError<CommunityAlreadyVouchedError>().Sha3Signature.Replace("0x", "", StringComparison.Ordinal);
        var malformed = new SmartContractCustomErrorRevertException("0x" + selector + "00ff");

        var translated = Assert.IsType<ContractRevertedException>(RevertDecoder.Translate(malformed));

        Assert.Equal("The contract refused the call with error data that could not be decoded.", translated.Message);
    }

    [Fact]
    public void Translate_UnreachableNode_NamesOnlyHostAndPort()
    {
        var unreachable = new RpcClientUnknownException("Error occurred when trying to send rpc requests(s)", new HttpRequestException("Connection refused"));

        var translated = Assert.IsType<ChainUnavailableException>(RevertDecoder.Translate(unreachable, new Uri("https://user:secret@rpc.example.org/v3/0123456789abcdef")));

        Assert.StartsWith("Cannot reach the chain at https://rpc.example.org/…: Connection refused", translated.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", translated.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", translated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_AidDaoException_IsReturnedAsItIs()
    {
        var original = new AidDaoInputException("bad input");

        Assert.Same(original, RevertDecoder.Translate(original));
    }
}
