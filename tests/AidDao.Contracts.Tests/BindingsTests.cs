using System.Diagnostics;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests;

/// <summary>
/// The committed bindings (src/AidDao.Contracts/**/*.gen.cs) are exactly what a fresh compile + codegen produces, and
/// the check notices when they are not.
/// </summary>
public sealed class BindingsTests(ChainFixture fixture)
{
    // The fixture is taken so that npm dependencies are installed (the Anvil locator runs `npm ci` when they are missing).
    private readonly ChainFixture _fixture = fixture;

    [Fact]
    public async Task CommittedBindings_MatchAFreshBuild()
    {
        Assert.NotNull(_fixture.Devnet);

        var (code, output) = await RunCheckAsync(Path.Combine(RepositoryRoot.Path, "src", "AidDao.Contracts"));

        Assert.True(code == 0, output);
        Assert.Contains("bindings are up to date", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_EditedBinding_FailsAndNamesTheFile()
    {
        var copy = Directory.CreateTempSubdirectory("aiddao-bindings-");
        try
        {
            var source = Path.Combine(RepositoryRoot.Path, "src", "AidDao.Contracts");
            foreach (var file in Directory.EnumerateFiles(source, "*.gen.cs", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var edited = Path.Combine(copy.FullName, "Community", "CommunityService.gen.cs");
            await File.AppendAllTextAsync(edited, "// edited by hand\n", TestContext.Current.CancellationToken);
            File.Delete(Path.Combine(copy.FullName, "ContributionToken", "ContributionTokenService.gen.cs"));

            var (code, output) = await RunCheckAsync(copy.FullName);

            Assert.Equal(1, code);
            Assert.Contains("changed: Community/CommunityService.gen.cs", output, StringComparison.Ordinal);
            Assert.Contains("missing: ContributionToken/ContributionTokenService.gen.cs", output, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> RunCheckAsync(string bindingsDirectory)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "scripts/generate-bindings.js", "--check", "--bindings-dir", bindingsDirectory }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        var ct = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
