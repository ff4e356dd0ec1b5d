using AidDao.TestUtils;
using Xunit;

// One Anvil devnet for the assembly's shared-chain tests (fault tests start their own nodes).
[assembly: AssemblyFixture(typeof(ChainFixture))]

// Devnets and databases are shared state on a 2-core machine: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
