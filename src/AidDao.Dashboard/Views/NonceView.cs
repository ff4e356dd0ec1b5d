namespace AidDao.Dashboard.Views;

/// <summary>The fields of a sign-in message the page asks the wallet to sign (EIP-4361).</summary>
public sealed record NonceView(string Nonce, string Domain, string Uri, long ChainId, string IssuedAt, string ExpirationTime, string Statement);
