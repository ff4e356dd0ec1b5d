using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace AidDao.Dashboard.Tests.Support;

/// <summary>
/// An EIP-1193 provider injected into the page as <c>window.ethereum</c>, as a browser wallet would. It answers
/// accounts and chain id itself and forwards everything else (eth_sendTransaction, personal_sign, eth_call ...) to the
/// local Anvil, whose dev accounts are unlocked, so the page's transactions are real. It can pretend to be on another
/// chain (for the wrong-chain prompt) and can refuse transactions the way a user does in a wallet (code 4001).
/// </summary>
public sealed class TestWallet
{
    private static readonly HttpClient Http = new();
    private readonly Uri _rpc;

    public TestWallet(Uri rpc, string account, long nodeChainId)
    {
        _rpc = rpc;
        Account = account;
        NodeChainId = nodeChainId;
        ChainId = nodeChainId;
    }

    /// <summary>The chain of the node the wallet forwards to.</summary>
    public long NodeChainId { get; }

    /// <summary>The account the wallet connects.</summary>
    public string Account { get; }

    /// <summary>The chain the wallet starts on (set another than <see cref="NodeChainId"/> for the wrong-chain prompt).</summary>
    public long ChainId { get; set; }

    /// <summary>Whether the "user" refuses transactions and signatures (EIP-1193 error 4001).</summary>
    public bool RefuseRequests { get; set; }

    /// <summary>The methods the page asked for, in order.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Installs the provider into every page of <paramref name="context"/>.</summary>
    public async Task InstallAsync(IBrowserContext context)
    {
        await context.ExposeFunctionAsync<string, Task<string>>("__aiddaoWalletRpc", ForwardAsync);
        await context.AddInitScriptAsync(Script.Replace("__ACCOUNT__", Account, StringComparison.Ordinal)
            .Replace("__CHAIN__", Hex(ChainId), StringComparison.Ordinal)
            .Replace("__NODECHAIN__", Hex(NodeChainId), StringComparison.Ordinal));
    }

    private static string Hex(long value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> ForwardAsync(string request)
    {
        using var json = JsonDocument.Parse(request);
        var method = json.RootElement.GetProperty("method").GetString()!;
        lock (Calls) Calls.Add(method);
        if (RefuseRequests && method is "eth_sendTransaction" or "personal_sign" or "eth_signTypedData_v4")
            return """{"jsonrpc":"2.0","id":1,"error":{"code":4001,"message":"User rejected the request."}}""";
        using var content = new StringContent(request, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(_rpc, content);
        return await response.Content.ReadAsStringAsync();
    }

    private const string Script = """
        (() => {
          const listeners = {};
          const emit = (event, value) => (listeners[event] || []).slice().forEach(fn => { try { fn(value); } catch (e) { console.error(e); } });
          let chainId = "__CHAIN__";
          let accounts = [];
          let id = 0;
          async function forward(method, params) {
            const answer = JSON.parse(await window.__aiddaoWalletRpc(JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params || [] })));
            if (answer.error) {
              const error = new Error(answer.error.message);
              error.code = answer.error.code;
              if (answer.error.data !== undefined) error.data = answer.error.data;
              throw error;
            }
            return answer.result;
          }
          window.ethereum = {
            isAidDaoTestWallet: true,
            async request({ method, params }) {
              switch (method) {
                case "eth_requestAccounts":
                  accounts = ["__ACCOUNT__"];
                  emit("accountsChanged", accounts);
                  emit("connect", { chainId });
                  return accounts;
                case "eth_accounts": return accounts;
                case "eth_chainId": return chainId;
                case "net_version": return String(parseInt(chainId, 16));
                case "wallet_switchEthereumChain":
                  await forward("web3_clientVersion", []);
                  chainId = params[0].chainId;
                  emit("chainChanged", chainId);
                  return null;
                case "wallet_addEthereumChain": return null;
                default:
                  if (chainId !== window.__aiddaoNodeChain && method === "eth_sendTransaction") {
                    const error = new Error("The wallet is on another chain than the node it would send to.");
                    error.code = 4901;
                    throw error;
                  }
                  return forward(method, params);
              }
            },
            on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); return this; },
            removeListener(event, fn) { listeners[event] = (listeners[event] || []).filter(f => f !== fn); return this; },
          };
          window.__aiddaoNodeChain = "__NODECHAIN__";
        })();
        """;
}
