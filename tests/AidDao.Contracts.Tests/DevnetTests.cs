using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using AidDao.Core.Chain;
using AidDao.TestUtils;
using Nethereum.Web3;
using Xunit;

namespace AidDao.Contracts.Tests;

/// <summary>
/// <see cref="Devnet"/> against real Anvil processes: the shared assembly chain for chain behaviour,
/// private devnets for process lifetime. (The AppDomain.ProcessExit / UnhandledException safety net
/// needs a dying host and is not tested here.)
/// </summary>
public class DevnetTests(ChainFixture fixture) : ChainTest(fixture)
{
    [Fact]
    public void SharedDevnet_IsReadyWithTheDefaultChainIdAndTenAccounts()
    {
        Assert.Equal(DevnetOptions.DefaultChainId, Devnet.ChainId);
        Assert.Equal(10, Accounts.Count);
        Assert.Equal("127.0.0.1", Devnet.RpcUrl.Host);
    }

    [Fact]
    public async Task DisposeAsync_KillsTheAnvilProcess()
    {
        Devnet devnet = await Devnet.StartAsync(new DevnetOptions(), Ct);
        Assert.True(devnet.OwnsProcess);
        int processId = Assert.NotNull(devnet.ProcessId);
        using Process anvil = Process.GetProcessById(processId);
        Assert.False(anvil.HasExited);

        await devnet.DisposeAsync();

        Assert.True(anvil.HasExited, $"Anvil (pid {processId}) is still running after DisposeAsync.");
        AssertProcessIsGone(processId);
    }

    [Fact]
    public async Task DisposeAsync_KillsTheAnvilProcess_WhenTheAwaitUsingBodyThrows()
    {
        int? processId = null;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using Devnet devnet = await Devnet.StartAsync(new DevnetOptions(), Ct);
            processId = devnet.ProcessId;
            await devnet.MineAsync(1, Ct);
            throw new InvalidOperationException("test body failed");
        });

        Assert.Equal("test body failed", thrown.Message);
        AssertProcessIsGone(Assert.NotNull(processId));
    }

    [Fact]
    public async Task SnapshotAndRevert_RestoreBalancesAfterATransfer()
    {
        Web3 sender = Web3For(0);
        string from = Accounts[0].Address;
        string to = Accounts[5].Address;
        BigInteger senderBefore = await BalanceAsync(sender, from);
        BigInteger recipientBefore = await BalanceAsync(sender, to);

        string snapshot = await Devnet.SnapshotAsync(Ct);
        var receipt = await sender.Eth.GetEtherTransferService()
            .TransferEtherAndWaitForReceiptAsync(to, 1.5m, cancellationToken: Ct);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(recipientBefore + Web3.Convert.ToWei(1.5m), await BalanceAsync(sender, to));
        Assert.True(await BalanceAsync(sender, from) < senderBefore);

        await Devnet.RevertAsync(snapshot, Ct);

        Assert.Equal(recipientBefore, await BalanceAsync(sender, to));
        Assert.Equal(senderBefore, await BalanceAsync(sender, from));
    }

    [Fact]
    public async Task RevertAsync_ToASnapshotAlreadyReverted_Throws()
    {
        string snapshot = await Devnet.SnapshotAsync(Ct);
        await Devnet.RevertAsync(snapshot, Ct);

        var error = await Assert.ThrowsAsync<DevnetException>(() => Devnet.RevertAsync(snapshot, Ct));

        Assert.Contains(snapshot, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncreaseTimeAsync_MovesBlockTimeForwardByAtLeastTheAmount()
    {
        TimeSpan step = TimeSpan.FromDays(3);
        DateTimeOffset before = await Devnet.GetBlockTimeAsync(Ct);

        await Devnet.IncreaseTimeAsync(step, Ct);

        DateTimeOffset after = await Devnet.GetBlockTimeAsync(Ct);
        Assert.True(after - before >= step, $"Block time moved {after - before}, expected at least {step}.");
        Assert.True(after - before < step + TimeSpan.FromMinutes(10), $"Block time moved {after - before}, far more than {step}.");
    }

    [Fact]
    public async Task MineAsync_AdvancesTheBlockNumberByTheCount()
    {
        Web3 web3 = Web3For(0);
        BigInteger before = (await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        await Devnet.MineAsync(5, Ct);

        Assert.Equal(before + 5, (await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value);
    }

    [Fact]
    public async Task StartAsync_TwoDevnetsStartedConcurrently_GetDifferentPorts()
    {
        Task<Devnet>[] starts = [Devnet.StartAsync(new DevnetOptions(), Ct), Devnet.StartAsync(new DevnetOptions(), Ct)];
        try
        {
            Devnet[] devnets = await Task.WhenAll(starts);

            Assert.NotEqual(devnets[0].RpcUrl.Port, devnets[1].RpcUrl.Port);
            Assert.NotEqual(devnets[0].ProcessId, devnets[1].ProcessId);
            foreach (Devnet devnet in devnets)
            {
                Assert.Equal(DevnetOptions.DefaultChainId, devnet.ChainId);
                await devnet.MineAsync(1, Ct);
            }
        }
        finally
        {
            foreach (Task<Devnet> start in starts)
            {
                if (start.IsCompletedSuccessfully)
                {
                    await (await start).DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task StartAsync_WithExistingRpcUrl_StartsNoProcess_AndDisposeLeavesTheNodeRunning()
    {
        IReadOnlySet<int> anvilChildrenBefore = ChildAnvilProcessIds();

        Devnet attached = await Devnet.StartAsync(new DevnetOptions { ExistingRpcUrl = Devnet.RpcUrl }, Ct);
        Assert.False(attached.OwnsProcess);
        Assert.Null(attached.ProcessId);
        Assert.Equal(Devnet.RpcUrl, attached.RpcUrl);
        Assert.Equal(Devnet.ChainId, attached.ChainId);
        Assert.Equal(anvilChildrenBefore, ChildAnvilProcessIds());
        await attached.MineAsync(1, Ct);

        await attached.DisposeAsync();

        DateTimeOffset stillAnswers = await Devnet.GetBlockTimeAsync(Ct);
        Assert.NotEqual(default, stillAnswers);
        if (Devnet.ProcessId is int sharedProcessId)
        {
            using Process shared = Process.GetProcessById(sharedProcessId);
            Assert.False(shared.HasExited);
        }
    }

    [Fact]
    public async Task StartAsync_WithAMissingAnvilPath_ThrowsDevnetExceptionSayingToRunNpmCi()
    {
        string missing = Path.Combine(Path.GetTempPath(), "aiddao-no-such-folder", "anvil");

        var error = await Assert.ThrowsAsync<DevnetException>(() =>
            Devnet.StartAsync(new DevnetOptions { AnvilPath = missing }, Ct));

        Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
        Assert.Contains("AIDDAO_ANVIL_PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task StartAsync_WhenAnvilRejectsItsArguments_ReportsAnvilsStandardErrorAndLeavesNoProcess()
    {
        IReadOnlySet<int> anvilChildrenBefore = ChildAnvilProcessIds();

        var error = await Assert.ThrowsAsync<DevnetException>(() =>
            Devnet.StartAsync(new DevnetOptions { ExtraArguments = ["--no-such-anvil-flag"] }, Ct));

        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        Assert.Contains("standard error", error.Message, StringComparison.Ordinal);
        Assert.Contains("--no-such-anvil-flag", error.Message, StringComparison.Ordinal);
        Assert.Equal(anvilChildrenBefore, ChildAnvilProcessIds());
    }

    [Fact]
    public async Task StartAsync_WhenAnvilIsNotReadyInTime_ThrowsAndKillsIt()
    {
        IReadOnlySet<int> anvilChildrenBefore = ChildAnvilProcessIds();

        var error = await Assert.ThrowsAsync<DevnetException>(() =>
            Devnet.StartAsync(new DevnetOptions { StartupTimeout = TimeSpan.FromMilliseconds(1) }, Ct));

        Assert.Contains("did not become ready within 0.001 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(anvilChildrenBefore, ChildAnvilProcessIds());
    }

    [Fact]
    public async Task StartAsync_WithACancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Devnet.StartAsync(new DevnetOptions(), cancelled.Token));
    }

    private static async Task<BigInteger> BalanceAsync(Web3 web3, string address) =>
        (await web3.Eth.GetBalance.SendRequestAsync(address)).Value;

    private static void AssertProcessIsGone(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            Assert.True(process.HasExited, $"Process {processId} is still running.");
        }
        catch (ArgumentException)
        {
            // No process with that id: it is gone.
        }
    }

    /// <summary>
    /// Ids of running anvil processes whose parent is this test host (Linux: read from /proc);
    /// an empty set elsewhere, where the comparison then proves nothing but does not fail.
    /// </summary>
    private static HashSet<int> ChildAnvilProcessIds()
    {
        var children = new HashSet<int>();
        if (!OperatingSystem.IsLinux())
        {
            return children;
        }

        int self = Environment.ProcessId;
        foreach (Process process in Process.GetProcessesByName("anvil"))
        {
            using (process)
            {
                try
                {
                    // /proc/PID/stat: "PID (comm) STATE PPID ..."; comm may contain spaces, so parse after the last ')'.
                    string stat = File.ReadAllText($"/proc/{process.Id}/stat");
                    string[] afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (afterName[0] != "Z" && int.Parse(afterName[1], CultureInfo.InvariantCulture) == self)
                    {
                        children.Add(process.Id);
                    }
                }
                catch (IOException)
                {
                    // It exited while we looked.
                }
            }
        }

        return children;
    }
}
