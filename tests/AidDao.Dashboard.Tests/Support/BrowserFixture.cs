using Microsoft.Playwright;

namespace AidDao.Dashboard.Tests.Support;

/// <summary>
/// Headless Chromium from Debian's package (no browser download), driven by Playwright. Set AIDDAO_CHROMIUM to use
/// another binary.
/// </summary>
public static class BrowserFixture
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>Where the Chromium binary is.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("AIDDAO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where screenshots go (not committed): test-artifacts/screenshots in the repository.</summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(Path.Combine(AidDao.TestUtils.RepositoryRoot.Path, "test-artifacts", "screenshots")).FullName;

    /// <summary>The shared browser (started once per test run).</summary>
    public static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            if (!File.Exists(ExecutablePath))
                throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: install Debian's chromium package (apt-get install chromium) or set AIDDAO_CHROMIUM.");
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // The machine's network is closed: background connections only fail, and slowly.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }
}
