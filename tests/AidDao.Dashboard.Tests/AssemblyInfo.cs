using AidDao.Dashboard.Tests.Support;
using Xunit;

// One demo chain with its index and dashboard for the assembly (tests that need their own start their own).
[assembly: AssemblyFixture(typeof(DemoDashboardFixture))]

// Chains, browsers and hosts are heavy on a 2-core machine: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
