using System.Diagnostics;
using System.Text.Json;
using AidDao.Core.Chain;
using AidDao.Core.Wallets;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Core.Tests.Wallets;

/// <summary>Keystores cross between AidDao and ethers (npm), a second independent implementation of the format.</summary>
public class KeystoreInteropTests
{
    private const string Password = "interop password";

    [Fact]
    public async Task EthersDecrypt_KeystoreAidDaoWroteWithGethParameters_GivesTheSameAddress()
    {
        var json = KeystoreFile.Encrypt(AnvilDevAccounts.All[4].PrivateKey, Password).ToJson();

        var address = await RunEthersAsync(
            "const { decryptKeystoreJson } = require('ethers');" +
            "decryptKeystoreJson(input, process.env.KEYSTORE_PASSWORD).then(a => console.log(a.address));", json);

        Assert.Equal(AnvilDevAccounts.All[4].Address, address);
    }

    [Fact]
    public async Task AidDaoDecrypt_KeystoreEthersWrote_GivesTheSameKey()
    {
        var account = AnvilDevAccounts.All[5];
        var json = await RunEthersAsync(
            "const { Wallet } = require('ethers');" +
            "new Wallet(input.trim()).encrypt(process.env.KEYSTORE_PASSWORD).then(j => console.log(j));", account.PrivateKey);

        var keystore = KeystoreFile.Parse(json, "ethers.json");

        Assert.Equal(EthAddress.Parse(account.Address), keystore.Address);
        Assert.Equal(account.PrivateKey[2..], keystore.Decrypt(Password, "ethers"));
    }

    /// <summary>Runs <paramref name="script"/> under node in the repository (where ethers is installed) with <paramref name="input"/> as its <c>input</c>.</summary>
    private static async Task<string> RunEthersAsync(string script, string input)
    {
        var ethers = Path.Combine(RepositoryRoot.Path, "node_modules", "ethers");
        Assert.True(Directory.Exists(ethers), $"{ethers} is missing: run 'npm ci' in {RepositoryRoot.Path}");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add($"const input = require('fs').readFileSync(0, 'utf8'); {script}");
        start.Environment["KEYSTORE_PASSWORD"] = Password;
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(limit.Token);
        Assert.True(node.ExitCode == 0, $"node failed ({node.ExitCode}): {await error}");
        return (await output).Trim();
    }
}
