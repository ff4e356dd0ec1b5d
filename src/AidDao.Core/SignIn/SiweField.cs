namespace AidDao.Core.SignIn;

/// <summary>The line labels of an EIP-4361 message, each with the ": " that follows it.</summary>
internal static class SiweField
{
    public const string Uri = "URI: ";
    public const string Version = "Version: ";
    public const string ChainId = "Chain ID: ";
    public const string Nonce = "Nonce: ";
    public const string IssuedAt = "Issued At: ";
    public const string ExpirationTime = "Expiration Time: ";
    public const string NotBefore = "Not Before: ";
    public const string RequestId = "Request ID: ";
    public const string Resources = "Resources:";
    public const string ResourceItem = "- ";
}
