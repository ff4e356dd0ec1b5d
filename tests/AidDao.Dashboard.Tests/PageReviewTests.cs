using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Contracts.Testing.TestToken.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Dashboard.Tests.Support;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace AidDao.Dashboard.Tests;

/// <summary>
/// Fixes from the page review: private request details carry a random reference, the wallet is told plainly how to add
/// an unknown chain, stewards see the token and every limit of an asset change, the upcoming phase of a round, and the
/// estimate sends the amount the server reads.
/// </summary>
public sealed partial class PageReviewTests(DemoDashboardFixture demo)
{
    // Makes the test wallet behave like one that does not know the dashboard's chain: switching answers 4902 until the
    // page adds the chain (window.__addedChains records what it sent).
    private const string UnknownChainWallet = """
        (() => {
          window.__addedChains = [];
          let known = false;
          const install = (eth) => {
            const request = eth.request.bind(eth);
            eth.request = async (args) => {
              if (args.method === 'wallet_switchEthereumChain' && !known) {
                const error = new Error('Unrecognized chain ID. Try adding the chain using wallet_addEthereumChain first.');
                error.code = 4902;
                throw error;
              }
              if (args.method === 'wallet_addEthereumChain') {
                window.__addedChains.push(args.params[0]);
                known = true;
                return null;
              }
              return request(args);
            };
          };
          if (window.ethereum) install(window.ethereum);
          else {
            let value;
            Object.defineProperty(window, 'ethereum', { configurable: true, get: () => value, set: (x) => { value = x; install(x); } });
          }
        })();
        """;

    private string Pool => demo.Pool.Pool.Value.ToLowerInvariant();

    [Fact]
    public async Task RequestAid_InThePage_DetailsEndWithARandomReferenceAndHashToTheOnChainValue()
    {
        var ct = TestContext.Current.CancellationToken;
        var member = demo.Devnet.Accounts[3];
        await using var tab = await DashboardPage.OpenAsync(demo, member);
        await tab.ConnectWalletAsync();
        var form = tab.Page.GetByTestId($"pool-{Pool}").GetByTestId("aid-form");
        await Expect(form.GetByTestId("aid-reference-note")).ToContainTextAsync("random reference is added so that nobody can guess the details from the public hash");
        await form.GetByTestId("aid-amount").FillAsync("0.01");
        // A short text anyone could guess by hashing likely words, were it hashed alone.
        await form.GetByTestId("aid-details").FillAsync("insulin");
        await form.GetByTestId("aid-submit").ClickAsync();

        var status = tab.Page.GetByTestId("tx-status");
        await Expect(status).ToHaveTextAsync(DoneWithReference());
        var done = DoneWithReference().Match(await status.TextContentAsync() ?? "");
        var id = BigInteger.Parse(done.Groups["id"].Value, CultureInfo.InvariantCulture);
        var reference = done.Groups["reference"].Value;

        var pool = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(member), demo.Pool.Pool, ct);
        var onChain = await pool.GetRequestAsync(id, ct);
        using var steward = await SignInClient.SignInAsync(demo, demo.Devnet.Accounts[0], ct);
        var answer = await steward.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/pools/{demo.Pool.Pool}/requests/{id}/details", UriKind.Relative), ct);
        var details = answer.GetProperty("details").GetString()!;
        Assert.Equal("insulin\n\nReference: " + reference, details);
        Assert.Matches(ReferenceLine(), details);
        Assert.Equal(onChain.DetailsHash, "0x" + Convert.ToHexStringLower(DetailsHash.Of(details)));
        Assert.NotEqual(onChain.DetailsHash, "0x" + Convert.ToHexStringLower(DetailsHash.Of("insulin")));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task SwitchChain_WalletDoesNotKnowTheChain_AddsItWithThePublishedNodeOrSaysHowToAddIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var chain = demo.Devnet.ChainId.ToString(CultureInfo.InvariantCulture);
        using var http = demo.Http();
        var published = (await http.GetFromJsonAsync<JsonElement>(new Uri("api/overview", UriKind.Relative), ct)).GetProperty("chain").GetProperty("rpcUrl").GetString();
        Assert.False(string.IsNullOrEmpty(published), "The test dashboard follows a loopback node, whose URL is published.");
        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[8], walletChainId: 1);
        var page = tab.Page;
        await tab.Context.AddInitScriptAsync(UnknownChainWallet);

        // A server that publishes no node URL (a private node): the page cannot add the chain and says what to do.
        await page.RouteAsync("**/api/overview", async route =>
        {
            var response = await route.FetchAsync();
            var overview = JsonNode.Parse(await response.TextAsync())!;
            overview["chain"]!["rpcUrl"] = null;
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = overview.ToJsonString() });
        });
        await ReloadAsync(tab);
        await page.GetByTestId("wrong-chain").GetByTestId("switch-chain").ClickAsync();
        await Expect(page.GetByTestId("tx-error")).ToHaveTextAsync(
            $"Your wallet does not know AidDao test chain (chain {chain}): add it in your wallet's network settings, then press Switch again.");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__addedChains.length"));
        await Expect(page.GetByTestId("wrong-chain")).ToBeVisibleAsync();

        // With the published URL, the chain is added and the wallet switches to it.
        await page.UnrouteAllAsync();
        await ReloadAsync(tab);
        await page.GetByTestId("wrong-chain").GetByTestId("switch-chain").ClickAsync();
        await Expect(page.GetByTestId("wrong-chain")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("wallet-chain")).ToHaveAttributeAsync("data-chain-id", chain);
        var added = await page.EvaluateAsync<JsonElement>("() => window.__addedChains");
        var request = Assert.Single(added.EnumerateArray());
        Assert.Equal("0x" + demo.Devnet.ChainId.ToString("x", CultureInfo.InvariantCulture), request.GetProperty("chainId").GetString());
        Assert.Equal("AidDao test chain", request.GetProperty("chainName").GetString());
        Assert.Equal([published], request.GetProperty("rpcUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["https://explorer.example"], request.GetProperty("blockExplorerUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Change_LimitsOfATokenThePoolDoesNotTakeYet_ShowsAddressEveryLimitAndAWarning()
    {
        var ct = TestContext.Current.CancellationToken;
        var web3 = demo.Devnet.CreateWeb3(demo.Devnet.Accounts[0]);
        var usdc = await TestTokenService.DeployContractAndGetServiceAsync(web3, new TestTokenDeployment { Name = "USD Coin", Symbol = "USDC", Decimals = 6 });
        var token = EthAddress.FromChain(usdc.ContractAddress);
        var steward0 = await EmergencyPoolService.ConnectAsync(web3, demo.Pool.Pool, ct);
        var usd = BigInteger.Pow(10, 6);
        // One contribution token (10^18 wei) per whole USDC: 10^18 per 10^6 units, so 10^30 per 10^18 units.
        var rules = new AssetRules(token, MintRate: BigInteger.Pow(10, 30), PerRequestMax: 250 * usd, WindowCap: 1_000 * usd + usd / 2,
            ReserveFloor: 100 * usd, FastPathCap: 1);
        var proposed = await steward0.ProposeChangeAsync(PoolChangeKind.SetAssetLimits, rules: rules, cancellationToken: ct);
        try
        {
            await demo.WaitForIndexAsync(ct);
            await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[1], 390, 844);
            await tab.ConnectWalletAsync();
            var item = tab.Page.GetByTestId($"change-{Pool}-{proposed.ChangeId}");
            await Expect(item).ToHaveAttributeAsync("data-status", "pending");
            await Expect(item.GetByTestId("change-asset")).ToHaveAttributeAsync("data-address", token.Value.ToLowerInvariant());
            await Expect(item.GetByTestId("change-asset-symbol")).ToHaveTextAsync("USDC");
            await Expect(item.GetByTestId("change-asset-address")).ToHaveTextAsync(token.Value);
            await Expect(item.GetByTestId("change-limit-mintRate")).ToHaveTextAsync("1 per 1 USDC given");
            await Expect(item.GetByTestId("change-limit-perRequestMax")).ToHaveTextAsync("250 USDC");
            await Expect(item.GetByTestId("change-limit-windowCap")).ToHaveTextAsync("1,000.5 USDC");
            await Expect(item.GetByTestId("change-limit-reserveFloor")).ToHaveTextAsync("100 USDC");
            await Expect(item.GetByTestId("change-limit-fastPathCap")).ToHaveTextAsync("0.000001 USDC");
            await Expect(item.GetByTestId("change-new-asset")).ToContainTextAsync(
                "This pool does not take this token yet: check the address is the real token before approving; deposits of it would mint contribution tokens.");
            await Expect(item.GetByTestId("change-approve")).ToBeEnabledAsync();

            await item.ScrollIntoViewIfNeededAsync();
            await tab.ScreenshotAsync("change-new-token-phone", fullPage: false);
            var overflow = await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The page is {overflow} px wider than the 390 px screen.");
            Assert.Empty(tab.ConsoleErrors);
        }
        finally
        {
            // The demo is shared: withdraw the change so no other test meets it pending.
            await steward0.CancelChangeAsync(proposed.ChangeId, ct);
        }
    }

    [Fact]
    public async Task Round_BeforeApplicationsOpen_ShowsTheUpcomingPhaseAndCountdown()
    {
        await using var tab = await DashboardPage.OpenAsync(demo);
        var page = tab.Page;
        var address = demo.OpenRound.Round.Value.ToLowerInvariant();
        // The open round as if it had been set up to start taking applications in two days. The live connection is kept
        // off: its catch-up would bring the round's real schedule back.
        // The page opens the hub as a WebSocket (no negotiate request): refuse it, so the page stays offline.
        await page.RouteWebSocketAsync("**/hubs/**", ws => ws.CloseAsync());
        await page.RouteAsync("**/api/overview", async route =>
        {
            var response = await route.FetchAsync();
            var overview = JsonNode.Parse(await response.TextAsync())!;
            var now = overview["chainTime"]!.GetValue<long>();
            var round = overview["rounds"]!.AsArray().Single(r => r!["address"]!.GetValue<string>().Equals(address, StringComparison.OrdinalIgnoreCase))!;
            var schedule = round["schedule"]!;
            var days = 86_400L;
            schedule["applicationsStart"] = now + 2 * days + 3_600;
            schedule["applicationsEnd"] = now + 9 * days;
            schedule["vettingEnd"] = now + 11 * days;
            schedule["votingEnd"] = now + 25 * days;
            schedule["finalizeFrom"] = now + 27 * days;
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = overview.ToJsonString() });
        });
        await page.ReloadAsync();

        var card = page.GetByTestId($"round-{address}");
        await Expect(card).ToHaveAttributeAsync("data-phase", "upcoming");
        await Expect(card.GetByTestId("round-phase")).ToHaveTextAsync("Not open yet");
        await Expect(card.GetByTestId("round-countdown")).ToHaveTextAsync(new Regex(@"^Applications open in 2 d [01] h$"));
        await Expect(card.GetByTestId("round-forms-note")).ToHaveTextAsync("Gifts and votes are accepted once voting opens (see the countdown).");
    }

    [Fact]
    public async Task Estimate_AmountWithADecimalComma_SendsThePlainDecimalTheServerReads()
    {
        var ct = TestContext.Current.CancellationToken;
        var member = demo.Devnet.Accounts[3];
        await using var tab = await DashboardPage.OpenAsync(demo, member);
        await tab.ConnectWalletAsync();
        var form = tab.Page.GetByTestId($"round-{demo.OpenRound.Round.Value.ToLowerInvariant()}").GetByTestId("estimate-form");
        await form.GetByTestId("estimate-project").SelectOptionAsync("2");
        await form.GetByTestId("estimate-amount").FillAsync("0,1");
        var sent = tab.Page.WaitForRequestAsync(new Regex("/api/rounds/.*/estimate"));
        await form.GetByTestId("estimate-submit").ClickAsync();

        Assert.Contains("amount=0.1&", (await sent).Url, StringComparison.Ordinal);
        using var http = demo.Http();
        var answer = await http.GetFromJsonAsync<JsonElement>(
            new Uri($"api/rounds/{demo.OpenRound.Round}/estimate?project=2&amount=0.1&contributor={member.Address}", UriKind.Relative), ct);
        var result = form.GetByTestId("estimate-result");
        await Expect(result).ToHaveAttributeAsync("data-kind", "ok");
        await Expect(result).ToHaveTextAsync(answer.GetProperty("text").GetString()!);
    }

    private static async Task ReloadAsync(DashboardPage tab)
    {
        await tab.Page.ReloadAsync();
        await tab.Page.GetByTestId("connection-state").And(tab.Page.Locator("[data-state=live]")).WaitForAsync();
        if (tab.Wallet is not null) await tab.ConnectWalletAsync();
    }

    [GeneratedRegex("""^Done in block \d+\. Request #(?<id>\d+) is filed and your details are saved for the stewards \(with the line "Reference: (?<reference>[0-9a-f]{16})" added\)\.$""")]
    private static partial Regex DoneWithReference();

    [GeneratedRegex(@"\n\nReference: [0-9a-f]{16}\z")]
    private static partial Regex ReferenceLine();
}
