namespace AidDao.Core.Chain;

/// <summary>
/// The networks AidDao knows without a file. RPC URLs are public endpoints that need no account or key (PublicNode,
/// dRPC, the chains' own); they are rate-limited, so a group that relies on a chain should add its own provider first
/// in networks.json. Confirmations follow how each chain settles blocks:
/// <list type="bullet">
/// <item>Ethereum L1 (and its test networks): proof-of-stake blocks are final after two epochs (~13 minutes); reorgs
/// deeper than a block or two are very rare, so 12 blocks (~2.4 minutes) is the common practice for payments.</item>
/// <item>OP Stack (Optimism, Base): one sequencer orders blocks every 2 s and does not reorg them unless a batch fails
/// to reach L1; 10 blocks (20 s) covers the sequencer's own replacements.</item>
/// <item>Arbitrum: the sequencer's blocks come every ~0.25 s and are as stable as the OP Stack's; 20 blocks is ~5 s.</item>
/// <item>Polygon PoS: had reorgs of dozens of blocks before its milestones (2023); 32 blocks (~64 s) stays clear of those.</item>
/// <item>Gnosis: Ethereum-style proof of stake with 5 s slots; 12 blocks is a minute.</item>
/// <item>The local dev chain: Anvil never reorgs on its own, so 0.</item>
/// </list>
/// Holesky is left out: it was shut down in 2025 (Hoodi replaces it for validator testing, Sepolia for apps).
/// </summary>
internal static class BuiltInChainProfiles
{
    private const int L1 = 12;
    private const int OpStack = 10;
    private const int Arbitrum = 20;
    private const int Polygon = 32;

    /// <summary>Every built-in profile, the local dev chain first.</summary>
    public static IReadOnlyList<ChainProfile> All { get; } =
    [
        new("local", DevnetOptions.DefaultChainId, ["http://127.0.0.1:8545"], 0, null, "ETH", "Local dev chain"),
        new("ethereum", 1, ["https://ethereum-rpc.publicnode.com", "https://eth.drpc.org", "https://1rpc.io/eth"],
            L1, "https://etherscan.io/tx/{tx}", "ETH", "Ethereum"),
        new("sepolia", 11_155_111, ["https://ethereum-sepolia-rpc.publicnode.com", "https://sepolia.drpc.org", "https://1rpc.io/sepolia"],
            L1, "https://sepolia.etherscan.io/tx/{tx}", "ETH", "Sepolia"),
        new("hoodi", 560_048, ["https://ethereum-hoodi-rpc.publicnode.com", "https://hoodi.drpc.org"],
            L1, "https://hoodi.etherscan.io/tx/{tx}", "ETH", "Hoodi"),
        new("base", 8453, ["https://mainnet.base.org", "https://base-rpc.publicnode.com", "https://base.drpc.org"],
            OpStack, "https://basescan.org/tx/{tx}", "ETH", "Base"),
        new("base-sepolia", 84_532, ["https://sepolia.base.org", "https://base-sepolia-rpc.publicnode.com"],
            OpStack, "https://sepolia.basescan.org/tx/{tx}", "ETH", "Base Sepolia"),
        new("optimism", 10, ["https://mainnet.optimism.io", "https://optimism-rpc.publicnode.com", "https://optimism.drpc.org"],
            OpStack, "https://optimistic.etherscan.io/tx/{tx}", "ETH", "OP Mainnet"),
        new("optimism-sepolia", 11_155_420, ["https://sepolia.optimism.io", "https://optimism-sepolia-rpc.publicnode.com"],
            OpStack, "https://sepolia-optimism.etherscan.io/tx/{tx}", "ETH", "OP Sepolia"),
        new("arbitrum", 42_161, ["https://arb1.arbitrum.io/rpc", "https://arbitrum-one-rpc.publicnode.com", "https://arbitrum.drpc.org"],
            Arbitrum, "https://arbiscan.io/tx/{tx}", "ETH", "Arbitrum One"),
        new("arbitrum-sepolia", 421_614, ["https://sepolia-rollup.arbitrum.io/rpc", "https://arbitrum-sepolia-rpc.publicnode.com"],
            Arbitrum, "https://sepolia.arbiscan.io/tx/{tx}", "ETH", "Arbitrum Sepolia"),
        new("polygon", 137, ["https://polygon-rpc.com", "https://polygon-bor-rpc.publicnode.com", "https://polygon.drpc.org"],
            Polygon, "https://polygonscan.com/tx/{tx}", "POL", "Polygon"),
        new("polygon-amoy", 80_002, ["https://rpc-amoy.polygon.technology", "https://polygon-amoy-bor-rpc.publicnode.com"],
            Polygon, "https://amoy.polygonscan.com/tx/{tx}", "POL", "Polygon Amoy"),
        new("gnosis", 100, ["https://rpc.gnosischain.com", "https://gnosis-rpc.publicnode.com", "https://gnosis.drpc.org"],
            L1, "https://gnosisscan.io/tx/{tx}", "xDAI", "Gnosis"),
    ];
}
