using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>The real <c>aiddao index</c> process killed with SIGKILL in the middle of a run, then started again.</summary>
public sealed class ProcessKillTests(ChainFixture fixture) : ChainTest(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task IndexProcess_KilledMidRun_RestartResumesAndEqualsFreshIndex()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        for (var i = 0; i < 20; i++)
        {
            await Devnet.MineAsync(20, Ct);
            var donor = await EmergencyPoolService.ConnectAsync(Web3For(6 + (i % 4)), pool.Pool, Ct);
            await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15) + i, Ct);
        }
        var target = IndexRun.Target(Devnet, community.Deployment, community.Community.Address);
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        using var index = await TempIndex.CreateAsync(Ct);
        string[] args =
        [
            "index", "--rpc", Devnet.RpcUrl.ToString(), "--community", community.Community.Address.Value, "--db", index.Setting,
            "--factory", community.Deployment.CommunityFactory.Value, "--round-factory", community.Deployment.RoundFactory.Value,
            "--from", "1", "--max-span", "1", "--until-head",
        ];

        using (var first = CliProcess.Start(args))
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            patience.CancelAfter(Patience);
            while ((await index.Store.GetCursorAsync(target.ChainId, patience.Token))?.Number is not >= 100)
            {
                if (first.HasExited)
                    Assert.Fail($"aiddao index ended ({first.ExitCode}) before it was killed: {await first.StandardError.ReadToEndAsync(Ct)}");
                await Task.Delay(5, patience.Token);
            }
            first.Kill();
            await first.WaitForExitAsync(Ct);
        }
        var cursorAtKill = (await index.Store.GetCursorAsync(target.ChainId, Ct))!.Number;
        Assert.InRange(cursorAtKill, 100, head - 1);

        using var second = CliProcess.Start(args);
        var output = await second.StandardOutput.ReadToEndAsync(Ct);
        var errors = await second.StandardError.ReadToEndAsync(Ct);
        await second.WaitForExitAsync(Ct).WaitAsync(Patience, Ct);

        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}: {errors}");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"to block {head}"), output, StringComparison.Ordinal);
        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

}
