using AidDao.Core;
using AidDao.Core.Communities;

namespace AidDao.Cli.Bench;

/// <summary>What the pool benchmark leaves for the round benchmark: its community, pool and test stablecoin.</summary>
/// <param name="Community">Stewards 0-2 (M=2), members 3-4.</param>
/// <param name="Pool">Takes ETH and the stablecoin.</param>
/// <param name="Stablecoin">A 6-decimal test token anyone may mint.</param>
internal sealed record PoolBench(CreatedCommunity Community, EthAddress Pool, EthAddress Stablecoin);
