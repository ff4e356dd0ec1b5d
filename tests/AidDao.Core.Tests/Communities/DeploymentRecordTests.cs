using AidDao.Core.Communities;
using AidDao.Core.Transactions;
using Xunit;

namespace AidDao.Core.Tests.Communities;

/// <summary>The deployment record's file: written whole, read back the same, refused with one line when damaged.</summary>
public sealed class DeploymentRecordTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aiddao-records-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SaveThenLoad_ReadsTheSameRecord()
    {
        var path = Path.Combine(_folder, "deployments", "sepolia.json");
        var record = DeploymentRecord.From(Deployment(), "sepolia", Address(9), new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

        record.Save(path);
        var read = DeploymentRecord.Load(path);

        Assert.Equal((record.Network, record.ChainId, record.Deployer, record.DeployedAt, record.AidDaoVersion),
            (read.Network, read.ChainId, read.Deployer, read.DeployedAt, read.AidDaoVersion));
        Assert.Equal(record.Contracts.OrderBy(c => c.Key), read.Contracts.OrderBy(c => c.Key));
        Assert.Equal(new DeployedContract(Address(4), 14, "0x04"), read.Contracts[AidDaoContract.CommunityFactory]);
        Assert.Equal((Address(4), Address(6)), (read.CommunityFactory, read.RoundFactory));
        Assert.Contains("\"communityFactory\": {", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(["sepolia.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Load_DamagedFile_OneLineNamingTheFile()
    {
        var path = Path.Combine(_folder, "4242.json");
        File.WriteAllText(path, """{ "chainId": 4242, "deployer": "0x1", "deployedAt": "2026-03-01T12:00:00Z", "contracts": {} }""");

        var error = Assert.Throws<AidDaoInputException>(() => DeploymentRecord.Load(path));

        Assert.Equal($"The deployment record {path} is not valid (the deployer address is not an address): deploy again with --force, or give --factory.", error.Message);
    }

    [Fact]
    public void SaveThenLoad_IncompleteRecord_ListsOnlyWhatWasMinedAndNamesNoFactory()
    {
        var path = Path.Combine(_folder, "deployments", "4242.json");
        var mined = new Dictionary<AidDaoContract, DeployedContract>
        {
            [AidDaoContract.CommunityImplementation] = new(Address(1), 11, "0x01"),
            [AidDaoContract.TokenImplementation] = new(Address(2), 12, "0x02"),
        };
        var stopped = new DeploymentIncompleteException("stopped", 4242, Address(9), AidDaoContract.PoolImplementation, mined, null, null);

        DeploymentRecord.Incomplete(stopped, null, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)).Save(path);
        var read = DeploymentRecord.Load(path);

        Assert.True(read.IsIncomplete);
        Assert.Equal((4242L, Address(9)), (read.ChainId, read.Deployer));
        Assert.Equal(mined.OrderBy(c => c.Key), read.Contracts.OrderBy(c => c.Key));
        Assert.Contains("\"incomplete\": true", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => read.CommunityFactory);
        Assert.False(DeploymentRecord.Load(SaveComplete()).IsIncomplete);
    }

    private string SaveComplete()
    {
        var path = Path.Combine(_folder, "complete.json");
        DeploymentRecord.From(Deployment(), null, Address(9), DateTimeOffset.UnixEpoch).Save(path);
        Assert.DoesNotContain("incomplete", File.ReadAllText(path), StringComparison.Ordinal);
        return path;
    }

    private static EthAddress Address(int n) => EthAddress.Parse("0x" + n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture));

    private static AidDaoDeployment Deployment() => new(4242, Address(4), Address(1), Address(2), Address(3), Address(6), Address(5),
        [.. Enumerable.Range(1, 6).Select(i => new TransactionOutcome($"0x0{i}", 10 + i, 1000 * i))]);
}
