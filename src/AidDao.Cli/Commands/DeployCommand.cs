using System.CommandLine;
using AidDao.Core.Communities;

namespace AidDao.Cli.Commands;

/// <summary><c>aiddao deploy</c>: deploys the implementations, the CommunityFactory and the RoundFactory on any chain.</summary>
internal static class DeployCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var deploy = new Command("deploy", "Deploy AidDao's contracts (implementations, CommunityFactory, RoundFactory) as the signer.");
        chain.AddTo(deploy);
        deploy.SetBody(async (c, ct) =>
        {
            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: true, ct).ConfigureAwait(false);
            var deployment = await AidDaoDeployer.DeployAsync(connection.Web3, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(string.Join(Environment.NewLine,
                $"Chain                      {deployment.ChainId}",
                $"CommunityFactory           {deployment.CommunityFactory}",
                $"Community implementation   {deployment.CommunityImplementation}",
                $"Token implementation       {deployment.TokenImplementation}",
                $"Pool implementation        {deployment.PoolImplementation}",
                $"RoundFactory               {deployment.RoundFactory}",
                $"Round implementation       {deployment.RoundImplementation}")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return deploy;
    }
}
