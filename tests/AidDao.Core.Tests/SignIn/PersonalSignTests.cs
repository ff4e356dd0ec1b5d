using AidDao.Core.Chain;
using AidDao.Core.SignIn;
using Nethereum.Signer;
using Xunit;

namespace AidDao.Core.Tests.SignIn;

/// <summary>
/// EIP-191 signer recovery against signatures made by other wallets (vectors from spruceid/siwe
/// <c>test/verification_positive.json</c>), so compatibility does not rest on Nethereum signing its own messages.
/// </summary>
public class PersonalSignTests
{
    [Fact]
    public void RecoverSigner_SpruceIdExampleWithRecoveryByte27Or28_GivesTheMessageAddress()
    {
        var message = new SiweMessage("login.xyz", EthAddress.Parse("0x9D85ca56217D2bb651b00f15e694EB7E713637D4"), "https://login.xyz", 1, "bTyXgcQxn2htgkjJn",
            DateTimeOffset.Parse("2022-01-27T17:09:38.578Z", System.Globalization.CultureInfo.InvariantCulture))
        {
            Statement = "Sign-In With Ethereum Example Statement",
            ExpirationTime = DateTimeOffset.Parse("2100-01-07T14:31:43.952Z", System.Globalization.CultureInfo.InvariantCulture),
        };
        const string signature = "0xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b";

        Assert.Equal(message.Address, PersonalSign.RecoverSigner(message.ToString(), signature));
    }

    [Fact]
    public void RecoverSigner_TallyExampleWithRecoveryByte0Or1_GivesTheMessageAddress()
    {
        const string text = "www.tally.xyz wants you to sign in with your Ethereum account:\n0xc95EB884FE852e241D409234bfC7045CB9E31BD7\n\n"
            + "Sign in with Ethereum to Tally\n\nURI: https://tally.xyz\nVersion: 1\nChain ID: 1\nNonce: 15050747\nIssued At: 2022-06-30T14:08:51.382Z";
        const string signature = "0x8c46b6eb8505939892d8e9b075f89f8277321b17b993151f37810cdda38cce6f4a85909d2b53e6a14629c74c0ac38bf4becde78ee5b2529812bf6cceaf7b2a2501";

        var message = SiweMessage.Parse(text);

        Assert.Equal(text, message.ToString());
        Assert.Equal(message.Address, PersonalSign.RecoverSigner(text, signature));
    }

    [Fact]
    public void RecoverSigner_NethereumSignature_GivesTheSigner()
    {
        var account = AnvilDevAccounts.All[2];
        var signature = new EthereumMessageSigner().EncodeUTF8AndSign("hello", new EthECKey(account.PrivateKey));

        Assert.Equal(EthAddress.Parse(account.Address), PersonalSign.RecoverSigner("hello", signature));
        Assert.NotEqual(EthAddress.Parse(account.Address), PersonalSign.RecoverSigner("hello!", signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0x1234")]
    [InlineData("0xzz35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b")]
    [InlineData("0xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1f")]
    public void RecoverSigner_MalformedSignature_IsNull(string? signature)
    {
        Assert.Null(PersonalSign.RecoverSigner("hello", signature));
    }
}
