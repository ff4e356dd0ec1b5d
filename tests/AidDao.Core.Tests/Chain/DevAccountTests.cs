using AidDao.Core.Chain;
using Nethereum.Signer;
using Xunit;

namespace AidDao.Core.Tests.Chain;

/// <summary>Pure checks of the hard-coded Anvil dev accounts: no chain needed.</summary>
public class DevAccountTests
{
    public static TheoryData<int> AccountIndexes => [.. Enumerable.Range(0, 10)];

    [Theory]
    [MemberData(nameof(AccountIndexes))]
    public void PrivateKey_DerivesTheListedAddress(int index)
    {
        DevAccount account = AnvilDevAccounts.All[index];

        string derived = new EthECKey(account.PrivateKey).GetPublicAddress();

        // Ordinal: the listed address must also carry the right EIP-55 checksum casing.
        Assert.Equal(derived, account.Address);
    }

    [Fact]
    public void All_HasTheTenAnvilAccountsInOrder()
    {
        IReadOnlyList<DevAccount> all = AnvilDevAccounts.All;

        Assert.Equal(10, all.Count);
        Assert.Equal(Enumerable.Range(0, 10), all.Select(account => account.Index));
        Assert.Equal(10, all.Select(account => account.Address.ToUpperInvariant()).Distinct().Count());
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", all[0].Address);
    }

    [Fact]
    public void ToString_DoesNotPrintThePrivateKey()
    {
        DevAccount account = AnvilDevAccounts.All[0];

        string text = account.ToString();

        Assert.Contains(account.Address, text, StringComparison.Ordinal);
        Assert.DoesNotContain(account.PrivateKey[2..], text, StringComparison.OrdinalIgnoreCase);
    }
}
