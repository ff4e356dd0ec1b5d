using AidDao.Core.Chain;
using Xunit;

namespace AidDao.Core.Tests.Chain;

/// <summary>Pure checks of the devnet plumbing: options, Anvil output parsing, locator search. No Anvil started.</summary>
public class DevnetSupportTests
{
    [Theory]
    [InlineData("Listening on 127.0.0.1:8545", 8545)]
    [InlineData("Listening on 127.0.0.1:40123  ", 40123)]
    [InlineData("Listening on [::1]:9000", 9000)]
    public void TryParseListeningPort_ReadsAnvilsReadinessLine(string line, int expected)
    {
        Assert.True(AnvilOutput.TryParseListeningPort(line, out int port));
        Assert.Equal(expected, port);
    }

    [Theory]
    [InlineData("Chain ID")]
    [InlineData("Listening on 127.0.0.1:")]
    [InlineData("Listening on 127.0.0.1:99999")]
    [InlineData("eth_chainId")]
    public void TryParseListeningPort_IgnoresOtherLines(string line)
    {
        Assert.False(AnvilOutput.TryParseListeningPort(line, out _));
    }

    [Fact]
    public void FromEnvironment_ReadsRpcUrlAndAnvilPath()
    {
        var variables = new Dictionary<string, string?>
        {
            ["AIDDAO_RPC_URL"] = " http://127.0.0.1:8545 ",
            ["AIDDAO_ANVIL_PATH"] = "/opt/foundry/anvil",
        };

        DevnetOptions options = DevnetOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(new Uri("http://127.0.0.1:8545"), options.ExistingRpcUrl);
        Assert.Equal("/opt/foundry/anvil", options.AnvilPath);
        Assert.Equal(31337, options.ChainId);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StartupTimeout);
        Assert.Null(options.BlockTimeSeconds);
    }

    [Fact]
    public void FromEnvironment_LeavesDefaultsWhenUnsetOrBlank()
    {
        DevnetOptions options = DevnetOptions.FromEnvironment(_ => "  ");

        Assert.Null(options.ExistingRpcUrl);
        Assert.Null(options.AnvilPath);
    }

    [Fact]
    public void FromEnvironment_RejectsANonHttpRpcUrl()
    {
        var error = Assert.Throws<DevnetException>(() =>
            DevnetOptions.FromEnvironment(name => name == "AIDDAO_RPC_URL" ? "localhost:8545" : null));

        Assert.Contains("AIDDAO_RPC_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindInNodeModules_WalksUpToTheFolderHoldingTheNpmBinary()
    {
        string root = Directory.CreateTempSubdirectory("aiddao-locator-").FullName;
        try
        {
            string binary = Path.Combine(root, AnvilLocator.RelativeBinaryPath);
            Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
            File.WriteAllText(binary, "");
            string nested = Directory.CreateDirectory(Path.Combine(root, "tests", "bin", "Debug")).FullName;

            Assert.Equal(binary, AnvilLocator.FindInNodeModules([nested]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void EnsureExecutable_AddsTheExecuteBit()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
            return;
        }

        string file = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            AnvilLocator.EnsureExecutable(file);

            Assert.True(File.GetUnixFileMode(file).HasFlag(UnixFileMode.UserExecute));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void FindOnPath_FindsAnvilInAPathDirectory()
    {
        string directory = Directory.CreateTempSubdirectory("aiddao-path-").FullName;
        try
        {
            string binary = Path.Combine(directory, OperatingSystem.IsWindows() ? "anvil.exe" : "anvil");
            File.WriteAllText(binary, "");

            Assert.Equal(binary, AnvilLocator.FindOnPath("/nonexistent-aiddao" + Path.PathSeparator + directory));
            Assert.Null(AnvilLocator.FindOnPath("/nonexistent-aiddao"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
