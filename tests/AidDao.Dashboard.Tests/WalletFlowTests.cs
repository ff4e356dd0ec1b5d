using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Dashboard.Tests.Support;
using AidDao.Data;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace AidDao.Dashboard.Tests;

/// <summary>
/// Transactions made in the page through a test wallet (EIP-1193, forwarding to the demo's Anvil): donations, a
/// steward's approval, refusals by the contract and by the person, and a wallet on the wrong chain.
/// </summary>
public sealed class WalletFlowTests(DemoDashboardFixture demo)
{
    private const string Eth = "0x0000000000000000000000000000000000000000";
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private string Pool => demo.Pool.Pool.Value.ToLowerInvariant();

    [Fact]
    public async Task Donate_InOnePage_AppearsInAnotherOpenPageWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        await using var watcher = await DashboardPage.OpenAsync(demo);
        var balance = watcher.Page.GetByTestId($"pool-{Pool}-balance-{Eth}");
        var before = BigInteger.Parse((await balance.GetAttributeAsync("data-raw"))!, CultureInfo.InvariantCulture);
        await watcher.Page.EvaluateAsync("() => { window.__marker = 'no reload'; }");

        var donorAccount = demo.Devnet.Accounts[8];
        await using var donor = await DashboardPage.OpenAsync(demo, donorAccount);
        await donor.ConnectWalletAsync();
        var form = donor.Page.GetByTestId($"pool-{Pool}").GetByTestId("donate-form");
        await form.GetByTestId("donate-amount").FillAsync("0.25");
        await form.GetByTestId("donate-submit").ClickAsync();
        await Expect(donor.Page.GetByTestId("tx-status"))
            .ToHaveTextAsync(new Regex(@"^Done in block \d+\. Thank you: 0\.25 ETH went to Riverside Emergency Fund\.$"));

        // The other page follows without reloading: the balance rose by exactly the gift, and the gift leads the feed.
        await Expect(balance).ToHaveAttributeAsync("data-raw", (before + Ether / 4).ToString(CultureInfo.InvariantCulture));
        await Expect(balance).ToHaveTextAsync(new Regex(@"ETH$"));
        var deposit = (await new SqlReadModel(demo.Database).GetRecentEventsAsync(demo.Devnet.ChainId, 10, ct))
            .Last(e => e.Name == "Deposited" && EthAddress.FromChain(e.Args["donor"]) == EthAddress.FromChain(donorAccount.Address));
        Assert.Equal((Ether / 4).ToString(CultureInfo.InvariantCulture), deposit.Args["amount"]);
        var item = watcher.Page.Locator($"[data-testid=activity-item][data-event-id='{deposit.BlockNumber}:{deposit.LogIndex}']");
        await Expect(item).ToHaveAttributeAsync("data-name", "Deposited");
        await Expect(item).ToContainTextAsync($"{EthAddress.FromChain(donorAccount.Address).Abbreviated} gave 0.25 ETH to Riverside Emergency Fund");
        await Expect(item.GetByTestId("activity-tx")).ToHaveAttributeAsync("data-tx", deposit.TransactionHash);
        // The gift's block leads the feed (the deposit also mints contribution tokens, in the same transaction).
        await Expect(watcher.Page.GetByTestId("activity-item").First).ToHaveAttributeAsync("data-block", deposit.BlockNumber.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("no reload", await watcher.Page.EvaluateAsync<string>("() => window.__marker"));
        Assert.Empty(watcher.ConsoleErrors);
    }

    [Fact]
    public async Task Approve_SecondStewardInPage_PaysTheRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        var amount = Ether / 20;
        // A fresh recipient: no cooling-down from earlier payouts, and its balance is exactly what it was paid.
        var recipient = EthAddress.FromChain("0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));
        var member = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[3]), demo.Pool.Pool, ct);
        var request = await member.RequestAidAsync(PoolAsset.Eth, amount, recipient, 4, DetailsHash.Of("Heating oil for the winter " + recipient), ct);
        var steward0 = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[0]), demo.Pool.Pool, ct);
        await steward0.ApproveAsync(request.RequestId, ct);
        await demo.WaitForIndexAsync(ct);

        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[1]);
        await tab.ConnectWalletAsync();
        var item = tab.Page.GetByTestId($"request-{Pool}-{request.RequestId}");
        await Expect(item).ToHaveAttributeAsync("data-state", "pending");
        await Expect(item.GetByTestId("request-approvals")).ToHaveAttributeAsync("data-approvals", "1");
        await item.GetByTestId("request-approve").ClickAsync();

        await Expect(tab.Page.GetByTestId("tx-status"))
            .ToHaveTextAsync(new Regex(@"^Done in block \d+\. Your approval reached the threshold: the request is paid\.$"));
        var decided = tab.Page.GetByTestId($"pool-{Pool}-decided").GetByTestId($"request-{Pool}-{request.RequestId}");
        await Expect(decided).ToHaveAttributeAsync("data-state", "paid");
        await Expect(decided.GetByTestId("request-outcome")).ToHaveTextAsync("Paid");
        await Expect(tab.Page.GetByTestId($"pool-{Pool}-pending").GetByTestId($"request-{Pool}-{request.RequestId}")).ToHaveCountAsync(0);
        var paid = (await demo.Devnet.RequestAsync("eth_getBalance", [recipient.Value, "latest"], ct)).GetString()!;
        Assert.Equal(amount, BigInteger.Parse("0" + paid[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 900, "laptop")]
    public async Task RequestAid_OverThePerRequestLimit_ShowsTheContractsReasonInPlainWords(int width, int height, string name)
    {
        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[3], width, height);
        await tab.ConnectWalletAsync();
        var form = tab.Page.GetByTestId($"pool-{Pool}").GetByTestId("aid-form");
        // The page shows the limit (2 ETH) but leaves the refusal to the contract.
        await form.GetByTestId("aid-amount").FillAsync("3");
        await form.GetByTestId("aid-details").FillAsync("Roof repair after the storm");
        await form.GetByTestId("aid-submit").ClickAsync();

        // PoolOverRequestLimit(asset, amount, max), decoded by POST /api/revert (RevertMessages).
        await Expect(tab.Page.GetByTestId("tx-error")).ToHaveTextAsync("The amount 3 ETH exceeds the pool's per-request limit of 2 ETH.");
        await Expect(tab.Page.GetByTestId("tx-status")).ToBeHiddenAsync();
        // Refused at the gas estimate: the wallet was never asked to send.
        Assert.Contains("eth_estimateGas", tab.Wallet!.Calls);
        Assert.DoesNotContain("eth_sendTransaction", tab.Wallet.Calls);
        await form.ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync($"tx-error-{name}", fullPage: false);
    }

    [Fact]
    public async Task Donate_WalletRefuses_SaysTheTransactionWasCancelled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[8]);
        await tab.ConnectWalletAsync();
        tab.Wallet!.RefuseRequests = true;
        var before = (await demo.Devnet.RequestAsync("eth_getBalance", [demo.Pool.Pool.Value, "latest"], ct)).GetString();
        var form = tab.Page.GetByTestId($"pool-{Pool}").GetByTestId("donate-form");
        await form.GetByTestId("donate-amount").FillAsync("0.01");
        await form.GetByTestId("donate-submit").ClickAsync();

        await Expect(tab.Page.GetByTestId("tx-error")).ToHaveTextAsync("You cancelled the transaction in your wallet.");
        Assert.Contains("eth_sendTransaction", tab.Wallet.Calls);
        Assert.Equal(before, (await demo.Devnet.RequestAsync("eth_getBalance", [demo.Pool.Pool.Value, "latest"], ct)).GetString());
        // The form is usable again, with the amount kept for another try.
        await Expect(form.GetByTestId("donate-submit")).ToBeEnabledAsync();
        await Expect(form.GetByTestId("donate-amount")).ToHaveValueAsync("0.01");
    }

    [Fact]
    public async Task Connect_WalletOnAnotherChain_PromptsAndSwitches()
    {
        var chain = demo.Devnet.ChainId.ToString(CultureInfo.InvariantCulture);
        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[8], walletChainId: 1);
        var page = tab.Page;
        await tab.ConnectWalletAsync();

        var prompt = page.GetByTestId("wrong-chain");
        await Expect(prompt).ToBeVisibleAsync();
        await Expect(prompt).ToContainTextAsync($"Your wallet is on chain 1; switch to AidDao test chain (chain {chain})");
        await Expect(page.GetByTestId("wallet-chain")).ToHaveAttributeAsync("data-chain-id", "1");

        // Nothing is sent from the wrong chain: the page says what to do first.
        var form = page.GetByTestId($"pool-{Pool}").GetByTestId("donate-form");
        await form.GetByTestId("donate-amount").FillAsync("0.01");
        await form.GetByTestId("donate-submit").ClickAsync();
        await Expect(page.GetByTestId("tx-error"))
            .ToHaveTextAsync($"Your wallet is on chain 1; switch to AidDao test chain (chain {chain}) first, with the button at the top of the page.");
        Assert.DoesNotContain("eth_sendTransaction", tab.Wallet!.Calls);

        await prompt.GetByTestId("switch-chain").ClickAsync();
        await Expect(prompt).ToBeHiddenAsync();
        await Expect(page.GetByTestId("wallet-chain")).ToHaveTextAsync($"AidDao test chain (chain {chain})");
        await Expect(page.GetByTestId("wallet-chain")).ToHaveAttributeAsync("data-chain-id", chain);
    }
}
