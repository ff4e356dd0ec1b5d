using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests;

/// <summary>
/// Stateful property test: random sequences of steward proposals, approvals and executions (including repeats, removed
/// stewards, re-added stewards, invalid thresholds) run on the chain and on <see cref="StewardGovernanceModel"/>; after
/// every step the steward set, threshold, every proposal's status and its count of current approvals must agree, and
/// every refusal must be the custom error the model predicts. Seeds are fixed so a failure replays exactly.
/// </summary>
public sealed class StewardGovernanceInvariantTests(ChainFixture fixture) : ChainTest(fixture)
{
    private const int Universe = 7;
    private const int Steps = 80;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task RandomGovernance_ChainAgreesWithModel_AfterEveryStep(int seed)
    {
        var random = new Random(seed);
        var web3 = Web3For(0);
        var deployment = await AidDaoDeployer.DeployAsync(web3, Ct);
        var created = await new CommunityFactoryService(web3, deployment.CommunityFactory).CreateCommunityAsync(new CommunitySettings
        {
            Name = "Invariant",
            TokenSymbol = "INV",
            Stewards = [Address(0), Address(1), Address(2)],
            Threshold = 2,
        }, Ct);
        var services = new CommunityService[Universe];
        for (var i = 0; i < Universe; i++) services[i] = await CommunityService.ConnectAsync(Web3For(i), created.Community, Ct);
        var model = new StewardGovernanceModel([0, 1, 2], threshold: 2);

        for (var step = 0; step < Steps; step++)
        {
            var (description, expected, actual) = await RandomStepAsync(random, services, model);
            var context = $"seed {seed}, step {step}: {description}";
            Assert.True(expected == actual, $"{context}: model expected {expected ?? "success"}, chain gave {actual ?? "success"}");
            await AssertAgreesAsync(services[0], model, context);
        }
    }

    private async Task<(string Description, string? Expected, string? Actual)> RandomStepAsync(Random random, CommunityService[] services, StewardGovernanceModel model)
    {
        // Mostly stewards act; sometimes a non-steward tries, which must be refused.
        var by = random.Next(10) < 8 && model.Stewards.Count > 0 ? model.Stewards.ElementAt(random.Next(model.Stewards.Count)) : random.Next(Universe);
        var roll = random.Next(100);
        if (roll < 40 || model.Proposals.Count == 0)
        {
            var action = (ModelAction)random.Next(3);
            var target = random.Next(Universe);
            var value = random.Next(0, model.Stewards.Count + 2);
            var expected = model.Propose(by, action, target, value);
            var actual = await ErrorOf(() => services[by].ProposeAsync((ProposalAction)(int)action,
                action == ModelAction.SetThreshold ? null : Address(target), action == ModelAction.SetThreshold ? value : null, Ct));
            return ($"#{by} proposes {action} target #{target} value {value}", expected, actual);
        }
        var proposalId = random.Next(1, model.Proposals.Count + 2);
        if (roll < 85)
        {
            var expected = model.Approve(by, proposalId);
            var actual = await ErrorOf(() => services[by].ApproveAsync(proposalId, Ct));
            return ($"#{by} approves {proposalId}", expected, actual);
        }
        var executeExpected = model.ExecuteProposal(proposalId);
        var executeActual = await ErrorOf(() => services[by].ExecuteAsync(proposalId, Ct));
        return ($"#{by} executes {proposalId}", executeExpected, executeActual);
    }

    private async Task AssertAgreesAsync(CommunityService community, StewardGovernanceModel model, string context)
    {
        var info = await community.GetInfoAsync(Ct);
        Assert.True(model.Threshold == info.Threshold, $"{context}: threshold {info.Threshold}, model {model.Threshold}");
        Assert.True(model.Stewards.Count == info.Stewards.Count, $"{context}: {info.Stewards.Count} stewards, model {model.Stewards.Count}");
        for (var account = 0; account < Universe; account++)
            Assert.True(model.IsSteward(account) == await community.IsStewardAsync(Address(account), Ct), $"{context}: isSteward(#{account})");
        foreach (var proposal in model.Proposals)
        {
            var onChain = await community.GetProposalAsync(proposal.Id, Ct);
            Assert.True(onChain.Status == (proposal.Executed ? ProposalStatus.Executed : ProposalStatus.Pending), $"{context}: status of {proposal.Id}");
            Assert.True(model.ApprovalCount(proposal) == onChain.Approvals, $"{context}: approvals of {proposal.Id}: chain {onChain.Approvals}, model {model.ApprovalCount(proposal)}");
        }
    }

    private static async Task<string?> ErrorOf(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (ContractRevertedException reverted)
        {
            return reverted.ErrorName;
        }
    }

    private EthAddress Address(int index) => EthAddress.FromChain(Accounts[index].Address);
}
