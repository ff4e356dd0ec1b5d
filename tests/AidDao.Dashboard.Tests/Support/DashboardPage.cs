using AidDao.Core.Chain;
using Microsoft.Playwright;

namespace AidDao.Dashboard.Tests.Support;

/// <summary>One browser tab on the dashboard, in its own context, with a test wallet for one dev account.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];

    private DashboardPage(IBrowserContext context, IPage page, TestWallet? wallet)
    {
        Context = context;
        Page = page;
        Wallet = wallet;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_consoleErrors) _consoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (_consoleErrors) _consoleErrors.Add(error);
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public TestWallet? Wallet { get; }

    /// <summary>Errors the page logged or threw.</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors) return [.. _consoleErrors];
        }
    }

    /// <summary>
    /// Opens the dashboard at <paramref name="width"/> px; with <paramref name="account"/>, a wallet for it is
    /// installed (starting on <paramref name="walletChainId"/>, the node's chain by default) before the page loads. The
    /// page is the demo fixture's dashboard unless <paramref name="url"/> names another instance.
    /// </summary>
    public static async Task<DashboardPage> OpenAsync(DemoDashboardFixture demo, DevAccount? account = null, int width = 1366, int height = 900, long? walletChainId = null, Uri? url = null)
    {
        var browser = await BrowserFixture.BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        context.SetDefaultTimeout(20_000);
        TestWallet? wallet = null;
        if (account is not null)
        {
            wallet = new TestWallet(demo.Devnet.RpcUrl, account.Address, demo.Devnet.ChainId);
            if (walletChainId is { } chain) wallet.ChainId = chain;
            await wallet.InstallAsync(context);
        }
        var page = await context.NewPageAsync();
        var tab = new DashboardPage(context, page, wallet);
        await page.GotoAsync((url ?? demo.Url).ToString());
        await page.GetByTestId("connection-state").And(page.Locator("[data-state=live]")).WaitForAsync();
        return tab;
    }

    /// <summary>Connects the wallet through the page's button.</summary>
    public async Task ConnectWalletAsync()
    {
        await Page.GetByTestId("wallet-connect").ClickAsync();
        await Page.GetByTestId("wallet-account").WaitForAsync();
    }

    /// <summary>Saves a screenshot (the full page, or only what the screen shows) under test-artifacts/screenshots.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }
}
