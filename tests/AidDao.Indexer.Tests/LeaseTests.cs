using System.Diagnostics;
using AidDao.Core;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// Lease owners (machine, PID namespace, process): a holder whose process is gone is taken over at once only when it was
/// of this machine and PID namespace; a container sharing the host name may still be alive and keeps its lease.
/// </summary>
public sealed class LeaseTests(ChainFixture fixture) : ChainTest(fixture)
{
    [Theory]
    [InlineData("web1@pid:[4026531836]/4242/ab12", "web1", "pid:[4026531836]", 4242, "ab12")]
    [InlineData("web1/4242/ab12", "web1", null, 4242, "ab12")]
    public void TryParse_OwnerName_ReadsItsPartsAndWritesItBack(string name, string machine, string? pidNamespace, int pid, string instance)
    {
        Assert.True(LeaseOwner.TryParse(name, out var owner));

        Assert.Equal(new LeaseOwner(machine, pidNamespace, pid, instance), owner);
        Assert.Equal(name, owner.ToString());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("web1/x/ab12")]
    [InlineData("web1@/1/ab12")]
    [InlineData("/1/ab12")]
    [InlineData("web1/1/ab12/more")]
    public void TryParse_OtherName_IsFalse(string name) => Assert.False(LeaseOwner.TryParse(name, out _));

    [Fact]
    public async Task Run_DeadProcessOfThisHostNameButNotThisPidNamespace_LeaseIsLeftToExpire()
    {
        Assert.SkipWhen(LeaseOwner.CurrentPidNamespace is null, "This system has no PID namespaces (/proc/self/ns/pid).");
        var pid = await DeadProcessIdAsync();
        using var index = await TempIndex.CreateAsync(Ct);
        var target = await HeadTargetAsync();
        // A container with host networking: the same host name, its own process ids (named with or without its namespace).
        string[] holders = [$"{Environment.MachineName}/{pid}/x", new LeaseOwner(Environment.MachineName, "pid:[1]", pid, "y").ToString()];

        foreach (var holder in holders)
        {
            Assert.True(await index.Store.TryLeaseAsync(target.ChainId, holder, TimeSpan.FromSeconds(30), Ct));
            using var indexer = new ChainIndexer(target, index.Store, IndexRun.FastOptions());

            await Assert.ThrowsAsync<IndexLeaseHeldException>(() => indexer.RunAsync(untilCaughtUp: true, null, Ct));
            Assert.Equal(holder, (await index.Store.GetLeaseAsync(target.ChainId, Ct))?.Owner);
            await index.Store.ReleaseLeaseAsync(target.ChainId, holder, Ct);
        }
    }

    [Fact]
    public async Task Run_DeadProcessOfThisMachineAndPidNamespace_IsTakenOverAtOnce()
    {
        var pid = await DeadProcessIdAsync();
        using var index = await TempIndex.CreateAsync(Ct);
        var target = await HeadTargetAsync();
        var holder = new LeaseOwner(Environment.MachineName, LeaseOwner.CurrentPidNamespace, pid, "x").ToString();
        Assert.True(await index.Store.TryLeaseAsync(target.ChainId, holder, TimeSpan.FromMinutes(5), Ct));
        using var indexer = new ChainIndexer(target, index.Store, IndexRun.FastOptions());

        await indexer.RunAsync(untilCaughtUp: true, null, Ct);

        Assert.NotNull(indexer.Cursor);
        Assert.True(LeaseOwner.TryParse(indexer.Owner, out var owner) && owner.IsThisProcess);
    }

    /// <summary>A target that starts at the head (nothing to index but the check of the lease).</summary>
    private async Task<IndexTarget> HeadTargetAsync()
    {
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var nobody = EthAddress.Parse(Accounts[9].Address);
        return new IndexTarget(Devnet.ChainId, Devnet.RpcUrl, nobody, null, [nobody], Math.Max(1, head));
    }

    private static async Task<int> DeadProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false }) ?? throw new InvalidOperationException("could not start 'true'");
        await process.WaitForExitAsync(Ct);
        return process.Id;
    }
}
