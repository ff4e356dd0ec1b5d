using AidDao.Core.Chain;
using Xunit;

namespace AidDao.Core.Tests.Chain;

/// <summary>Built-in networks, the networks file (additions, changes, mistakes) and <c>${VARIABLE}</c> URLs. No chain.</summary>
public class ChainProfilesTests
{
    private const string Source = "/home/org/.aiddao/networks.json";

    [Theory]
    [InlineData("ethereum", 1L, 12)]
    [InlineData("sepolia", 11_155_111L, 12)]
    [InlineData("base", 8453L, 10)]
    [InlineData("base-sepolia", 84_532L, 10)]
    [InlineData("optimism", 10L, 10)]
    [InlineData("arbitrum", 42_161L, 20)]
    [InlineData("polygon", 137L, 32)]
    [InlineData("gnosis", 100L, 12)]
    [InlineData("LOCAL", 31_337L, 0)]
    public void Get_BuiltInName_HasChainIdAndConfirmations(string name, long chainId, int confirmations)
    {
        var profile = ChainProfiles.Default.Get(name);

        Assert.Equal((chainId, confirmations), (profile.ChainId, profile.Confirmations));
    }

    [Fact]
    public void BuiltIn_PublicNetworks_HaveSeveralHttpsUrlsWithoutKeysAndAnExplorer()
    {
        foreach (var profile in ChainProfiles.BuiltIn.Where(p => p.Name != "local"))
        {
            var urls = profile.ResolveRpcUrls(_ => null);
            Assert.True(urls.Count >= 2, $"{profile.Name} has one RPC URL");
            Assert.All(urls, url => Assert.Equal(Uri.UriSchemeHttps, url.Scheme));
            Assert.Contains("{tx}", profile.ExplorerTxUrl, StringComparison.Ordinal);
        }
        Assert.Equal(["http://127.0.0.1:8545/"], ChainProfiles.Default.Get("local").ResolveRpcUrls().Select(u => u.ToString()));
        Assert.Equal(ChainProfiles.BuiltIn.Count, ChainProfiles.BuiltIn.Select(p => p.ChainId).Distinct().Count());
    }

    [Fact]
    public void Parse_NewNetworkAndChangedBuiltIn_AddsOneAndKeepsTheOthersFields()
    {
        var profiles = ChainProfiles.Parse("""
            {
              // comments and trailing commas are fine
              "networks": {
                "coop-chain": { "chainId": 4242, "rpcUrls": ["http://10.0.0.5:8545", "https://rpc.example.org/${COOP_KEY}"], "confirmations": 2,
                                "explorerTxUrl": "https://scan.example.org/tx/{tx}", "nativeSymbol": "COOP", "displayName": "Co-op chain" },
                "sepolia": { "rpcUrls": ["https://eth-sepolia.example.com/v2/${SEPOLIA_KEY}"], "confirmations": 3, },
              }
            }
            """, Source);

        var coop = profiles.Get("coop-chain");
        var sepolia = profiles.Get("sepolia");
        Assert.Equal(Source, profiles.SourceFile);
        Assert.Equal((4242L, 2, "COOP", "Co-op chain"), (coop.ChainId, coop.Confirmations, coop.NativeSymbol, coop.DisplayName));
        Assert.Equal("https://scan.example.org/tx/0xabc", coop.ExplorerLink("0xabc"));
        Assert.Equal((11_155_111L, 3, "https://sepolia.etherscan.io/tx/{tx}"), (sepolia.ChainId, sepolia.Confirmations, sepolia.ExplorerTxUrl));
        Assert.Equal(["https://eth-sepolia.example.com/v2/k3y"], sepolia.ResolveRpcUrls(v => v == "SEPOLIA_KEY" ? "k3y" : null).Select(u => u.ToString()));
        Assert.Equal([coop], profiles.ForChain(4242));
        Assert.Equal(ChainProfiles.BuiltIn.Count + 1, profiles.All.Count);
    }

    [Fact]
    public void ResolveRpcUrls_VariableNotSet_NamesTheVariable()
    {
        var profiles = ChainProfiles.Parse("""{ "networks": { "sepolia": { "rpcUrls": ["https://x.example.com/${AIDDAO_TEST_UNSET_KEY}"] } } }""", Source);

        var error = Assert.Throws<AidDaoInputException>(() => profiles.Get("sepolia").ResolveRpcUrls(_ => null));

        Assert.Equal("Network 'sepolia' needs the environment variable AIDDAO_TEST_UNSET_KEY for an RPC URL, and it is not set: set it, or give --rpc.", error.Message);
    }

    [Theory]
    [InlineData("AIDDAO_WALLET_PASSWORD")]
    [InlineData("AIDDAO_PRIVATE_KEY")]
    [InlineData("DEPLOY_KEY")]
    [InlineData("VAULT_PASSWORD")]
    [InlineData("my_private_thing")]
    [InlineData("WALLET_MNEMONIC")]
    [InlineData("SEED_WORDS")]
    public void ResolveRpcUrls_PlaceholderNamesASecret_RefusedWithoutReadingIt(string variable)
    {
        var profiles = ChainProfiles.Parse($$"""{ "networks": { "sepolia": { "rpcUrls": ["https://ok.example.com/${OK_KEY}", "https://evil.example.com/?k=${{{variable}}}"] } } }""", Source);
        var read = new List<string>();

        var error = Assert.Throws<AidDaoInputException>(() => profiles.Get("sepolia").ResolveRpcUrls(v => { read.Add(v); return "s3cret"; }, ["DEPLOY_KEY"]));

        Assert.Equal($"Network 'sepolia' has an RPC URL with ${{{variable}}}, which names a secret (a key, password, mnemonic or seed) that AidDao never sends to a node: "
            + "remove it from the networks file, and check who wrote that file.", error.Message);
        Assert.Empty(read);
    }

    [Theory]
    [InlineData("{ \"networks\": ", "it is not valid JSON")]
    [InlineData("[]", "it needs an object { \"networks\": { \"NAME\": { ... } } }")]
    [InlineData("{ \"networks\": {}, \"extra\": 1 }", "unknown top-level field 'extra'")]
    [InlineData("{ \"networks\": { \"mine\": { \"chainId\": 5, \"rpcUrl\": [\"http://a\"] } } }", "network 'mine' has an unknown field 'rpcUrl'")]
    [InlineData("{ \"networks\": { \"mine\": { \"rpcUrls\": [\"http://a\"] } } }", "network 'mine' is new, so it needs \"chainId\" and \"rpcUrls\"")]
    [InlineData("{ \"networks\": { \"mine\": { \"chainId\": 5, \"rpcUrls\": [\"ws://a\"] } } }", "network 'mine': 'ws://a' in \"rpcUrls\" is not an http(s) URL")]
    [InlineData("{ \"networks\": { \"mine\": { \"chainId\": 5, \"rpcUrls\": [] } } }", "network 'mine': \"rpcUrls\" must be a list of one or more URLs")]
    [InlineData("{ \"networks\": { \"mine\": { \"chainId\": -5, \"rpcUrls\": [\"http://a\"] } } }", "network 'mine': \"chainId\" must be a positive whole number")]
    [InlineData("{ \"networks\": { \"base\": { \"confirmations\": -1 } } }", "network 'base': \"confirmations\" must be a whole number from 0 to 10000")]
    [InlineData("{ \"networks\": { \"base\": { \"explorerTxUrl\": \"https://basescan.org/tx/\" } } }", "\"explorerTxUrl\" must be an http(s) URL with {tx}")]
    [InlineData("{ \"networks\": { \"base\": { \"chainId\": 1 } } }", "network 'base' is chain 8453; a file may change its URLs and settings but not its chain id")]
    [InlineData("{ \"networks\": { \"My Chain\": { \"chainId\": 5, \"rpcUrls\": [\"http://a\"] } } }", "'My Chain' is not a network name")]
    public void Parse_InvalidFile_OneLineNamingTheFileAndTheProblem(string json, string problem)
    {
        var error = Assert.Throws<AidDaoInputException>(() => ChainProfiles.Parse(json, Source));

        Assert.StartsWith($"The networks file {Source} is not valid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_GivenFileMissing_NamesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiddao-no-such-{Guid.NewGuid():N}", "networks.json");

        var error = Assert.Throws<AidDaoInputException>(() => ChainProfiles.Load(path));

        Assert.StartsWith($"Cannot read the networks file {path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownName_ListsTheKnownOnes()
    {
        var error = Assert.Throws<AidDaoInputException>(() => ChainProfiles.Default.Get("sepolai"));

        Assert.StartsWith("There is no network called 'sepolai': use one of local, ethereum, sepolia, ", error.Message, StringComparison.Ordinal);
    }
}
