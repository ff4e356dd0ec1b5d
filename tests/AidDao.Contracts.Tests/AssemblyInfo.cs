using AidDao.TestUtils;
using Xunit;

// One Anvil devnet for the whole assembly; test classes derive from ChainTest to get it.
[assembly: AssemblyFixture(typeof(ChainFixture))]

// The devnet is shared state (balances, snapshots, block time): run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
