using AidDao.Core.Chain;
using AidDao.Core.SignIn;
using AidDao.TestUtils;
using Nethereum.Signer;
using Xunit;

namespace AidDao.Core.Tests.SignIn;

/// <summary>Verifying signed sign-in messages: the accepted case, and one test per reason a sign-in is refused.</summary>
public class SiweVerifierTests
{
    private const string Domain = "aid.example.org";
    private const long ChainId = 31337;
    private static readonly DevAccount Steward = AnvilDevAccounts.All[0];
    private static readonly DevAccount Other = AnvilDevAccounts.All[1];

    private readonly ManualTime _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemorySiweNonceStore _nonces;
    private readonly SiweVerifier _verifier;

    public SiweVerifierTests()
    {
        _nonces = new InMemorySiweNonceStore(_time);
        _verifier = new SiweVerifier(new SiweVerifierOptions { Domain = Domain, UriOrigin = new Uri("https://aid.example.org"), ChainId = ChainId }, _nonces, _time);
    }

    [Fact]
    public async Task VerifyAsync_MessageSignedByItsAddress_Succeeds()
    {
        var message = await FreshMessageAsync();

        var result = await VerifyAsync(message);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(EthAddress.Parse(Steward.Address), result.Address);
        Assert.Equal(message.ExpirationTime, result.ExpiresAt);
        Assert.Equal(message, result.Message);
        Assert.Null(result.Failure);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task VerifyAsync_IssuedSlightlyAheadWithinClockSkew_Succeeds()
    {
        var message = await FreshMessageAsync() with { IssuedAt = _time.GetUtcNow().AddMinutes(4) };

        Assert.True((await VerifyAsync(message)).Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_OtherDomain_IsWrongDomain()
    {
        var message = await FreshMessageAsync() with { Domain = "aid.example.org.evil.net" };

        var result = await AssertRefusedAsync(message, SiweFailure.WrongDomain);

        Assert.Equal("This sign-in message is for aid.example.org.evil.net, not for this dashboard (aid.example.org); sign in again from this dashboard's own page.", result.Error);
    }

    [Fact]
    public async Task VerifyAsync_SchemeOtherThanTheOrigins_IsWrongDomain()
    {
        await AssertRefusedAsync(await FreshMessageAsync() with { Scheme = "http" }, SiweFailure.WrongDomain);
    }

    [Theory]
    [InlineData("https://aid.example.org.evil.net/")]
    [InlineData("http://aid.example.org/")]
    [InlineData("https://aid.example.org:8443/")]
    [InlineData("https://other.example.org/")]
    public async Task VerifyAsync_UriOutsideTheOrigin_IsWrongUri(string uri)
    {
        await AssertRefusedAsync(await FreshMessageAsync() with { Uri = uri }, SiweFailure.WrongUri);
    }

    [Fact]
    public async Task VerifyAsync_OtherChain_IsWrongChain()
    {
        var result = await AssertRefusedAsync(await FreshMessageAsync() with { ChainId = 1 }, SiweFailure.WrongChain);

        Assert.Contains("switch the wallet to chain 31337", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AfterExpiration_IsExpired()
    {
        var message = await FreshMessageAsync();
        _time.Advance(TimeSpan.FromHours(1));

        await AssertRefusedAsync(message, SiweFailure.Expired);
    }

    [Fact]
    public async Task VerifyAsync_BeforeNotBefore_IsNotYetValid()
    {
        await AssertRefusedAsync(await FreshMessageAsync() with { NotBefore = _time.GetUtcNow().AddMinutes(30) }, SiweFailure.NotYetValid);
    }

    [Fact]
    public async Task VerifyAsync_IssuedAtBeyondClockSkew_IsIssuedInFuture()
    {
        await AssertRefusedAsync(await FreshMessageAsync() with { IssuedAt = _time.GetUtcNow().AddMinutes(6) }, SiweFailure.IssuedInFuture);
    }

    [Fact]
    public async Task VerifyAsync_NoExpirationTime_IsMissingExpiration()
    {
        await AssertRefusedAsync(await FreshMessageAsync() with { ExpirationTime = null }, SiweFailure.MissingExpiration);
    }

    [Fact]
    public async Task VerifyAsync_ExpirationMoreThanADayAfterIssue_IsLifetimeTooLong()
    {
        var message = await FreshMessageAsync();

        var result = await AssertRefusedAsync(message with { ExpirationTime = message.IssuedAt.AddHours(24).AddSeconds(1) }, SiweFailure.LifetimeTooLong);

        Assert.Contains("longer than the 24 hours a session may last here", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_SignedByAnotherKey_IsBadSignature()
    {
        var message = await FreshMessageAsync();

        var result = await _verifier.VerifyAsync(message.ToString(), Sign(message.ToString(), Other), TestContext.Current.CancellationToken);

        Assert.Equal(SiweFailure.BadSignature, result.Failure);
        Assert.Contains(Steward.Address, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AddressReplacedAfterSigning_IsBadSignature()
    {
        var message = await FreshMessageAsync();
        var signature = Sign(message.ToString(), Steward);
        var tampered = message.ToString().Replace(Steward.Address, Other.Address, StringComparison.Ordinal);

        var result = await _verifier.VerifyAsync(tampered, signature, TestContext.Current.CancellationToken);

        Assert.Equal(SiweFailure.BadSignature, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_StatementChangedAfterSigning_IsBadSignature()
    {
        var message = await FreshMessageAsync();
        var signature = Sign(message.ToString(), Steward);
        var tampered = (message with { Statement = "Sign in to the AidDao dashboard as an admin." }).ToString();

        var result = await _verifier.VerifyAsync(tampered, signature, TestContext.Current.CancellationToken);

        Assert.Equal(SiweFailure.BadSignature, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("not a signature")]
    [InlineData("0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001b")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1b")]
    public async Task VerifyAsync_MalformedSignature_IsBadSignatureNotAnException(string signature)
    {
        var message = await FreshMessageAsync();

        var result = await _verifier.VerifyAsync(message.ToString(), signature, TestContext.Current.CancellationToken);

        Assert.Equal(SiweFailure.BadSignature, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_SignatureWithRecoveryByteChanged_IsBadSignature()
    {
        var message = await FreshMessageAsync();
        var signature = Sign(message.ToString(), Steward);

        var result = await _verifier.VerifyAsync(message.ToString(), signature[..^2] + "1d", TestContext.Current.CancellationToken);

        Assert.Equal(SiweFailure.BadSignature, result.Failure);
    }

    [Fact]
    public async Task VerifyAsync_SameMessageTwice_SecondIsUnknownOrUsedNonce()
    {
        var message = await FreshMessageAsync();
        Assert.True((await VerifyAsync(message)).Succeeded);

        var replay = await AssertRefusedAsync(message, SiweFailure.UnknownOrUsedNonce);

        Assert.Equal("This sign-in message was already used or its nonce expired; sign in again.", replay.Error);
    }

    [Fact]
    public async Task VerifyAsync_NonceNeverIssued_IsUnknownOrUsedNonce()
    {
        await AssertRefusedAsync(await FreshMessageAsync() with { Nonce = "MadeUpByTheClient1" }, SiweFailure.UnknownOrUsedNonce);
    }

    [Fact]
    public async Task VerifyAsync_NonceExpiredInTheStore_IsUnknownOrUsedNonce()
    {
        var message = await FreshMessageAsync();
        _time.Advance(InMemorySiweNonceStore.DefaultLifetime);

        await AssertRefusedAsync(message with { IssuedAt = _time.GetUtcNow() }, SiweFailure.UnknownOrUsedNonce);
    }

    [Fact]
    public async Task VerifyAsync_RefusedAttempt_LeavesTheNonceForTheRightfulSigner()
    {
        var message = await FreshMessageAsync();
        var text = message.ToString();

        Assert.Equal(SiweFailure.BadSignature, (await _verifier.VerifyAsync(text, Sign(text, Other), TestContext.Current.CancellationToken)).Failure);

        Assert.True((await _verifier.VerifyAsync(text, Sign(text, Steward), TestContext.Current.CancellationToken)).Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_MalformedMessage_IsMalformedWithTheReason()
    {
        var message = await FreshMessageAsync();
        var text = message.ToString().Replace(Steward.Address, Steward.Address.ToLowerInvariant(), StringComparison.Ordinal);

        var result = await _verifier.VerifyAsync(text, Sign(text, Steward), TestContext.Current.CancellationToken);

        Assert.Equal(SiweFailure.Malformed, result.Failure);
        Assert.Contains("EIP-55 checksum form", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("Sign in again from the dashboard; if this keeps happening, the wallet may not support Sign-In with Ethereum.", result.Error, StringComparison.Ordinal);
    }

    private async Task<SiweMessage> FreshMessageAsync()
    {
        var now = _time.GetUtcNow();
        var nonce = await _nonces.IssueAsync(TestContext.Current.CancellationToken);
        return new SiweMessage(Domain, EthAddress.Parse(Steward.Address), "https://aid.example.org/", ChainId, nonce, now)
        {
            Statement = "Sign in to the AidDao dashboard as a steward.",
            ExpirationTime = now.AddHours(1),
        };
    }

    private Task<SiweVerification> VerifyAsync(SiweMessage message) =>
        _verifier.VerifyAsync(message.ToString(), Sign(message.ToString(), Steward), TestContext.Current.CancellationToken);

    private async Task<SiweVerification> AssertRefusedAsync(SiweMessage message, SiweFailure expected)
    {
        var result = await VerifyAsync(message);
        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Null(result.Address);
        return result;
    }

    private static string Sign(string text, DevAccount account) => new EthereumMessageSigner().EncodeUTF8AndSign(text, new EthECKey(account.PrivateKey));
}
