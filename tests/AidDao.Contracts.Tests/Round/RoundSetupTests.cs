using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.TestUtils;
using Xunit;
using FactoryRoundSetup = AidDao.Contracts.RoundFactory.ContractDefinition.RoundSetup;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// FundingRound.initialize, reached through RoundFactory.createRound: every set-up check with its error, and the
/// boundary values that are still accepted. Most cases share one community and ask the factory for more rounds.
/// </summary>
public sealed class RoundSetupTests(ChainFixture fixture) : RoundTest(fixture)
{
    private const ulong Day = RoundBuilder.Day;
    private const ulong MaxPeriod = 366 * Day;

    [Fact]
    public async Task CreateRound_NameEmptyOrOver64Bytes_RevertsInvalidName()
    {
        var empty = NewRound().Adjust(s => s.Name = "");
        await AssertRevertsAsync<RoundInvalidNameError>(() => empty.BuildAsync(Ct));
        var round = await NewRound().BuildAsync(Ct);
        var now = await round.Pool.BlockTimeAsync();

        // Bytes count, not letters: 33 accented letters take 66 bytes.
        foreach (var name in new[] { new string('a', 65), new string('é', 33) })
            await AssertRevertsAsync<RoundInvalidNameError>(() => round.CreateRoundAsync(0, round.SetupFrom(now, s => s.Name = name)));
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => s.Name = new string('a', 64)));

        Assert.Equal(new BigInteger(2), await round.FactoryAs(0).RoundCountQueryAsync(round.Community.Address.Value));
    }

    [Fact]
    public async Task CreateRound_BadSchedule_RevertsInvalidSchedule()
    {
        var round = await NewRound().BuildAsync(Ct);
        var now = await round.Pool.BlockTimeAsync();
        var cases = new (string Case, Action<FactoryRoundSetup> Adjust)[]
        {
            ("applications close when they open", s => s.ApplicationsEnd = s.ApplicationsStart),
            ("applications close before they open", s => s.ApplicationsEnd = s.ApplicationsStart - 1),
            ("applications close after voting opens", s => s.ApplicationsEnd = s.VotingStart + 1),
            ("voting ends when it opens", s => s.VotingEnd = s.VotingStart),
            ("voting ends before it opens", s => s.VotingEnd = s.VotingStart - 1),
            ("voting ended in the past", s => (s.ApplicationsStart, s.ApplicationsEnd, s.VotingStart, s.VotingEnd) = (now - 10 * Day, now - 9 * Day, now - 8 * Day, now - 1)),
            ("voting ends beyond uint40", s => s.VotingEnd = 1UL << 40),
            ("no claim period", s => s.ClaimPeriod = 0),
            ("claim period over 366 days", s => s.ClaimPeriod = MaxPeriod + 1),
            ("review period over 366 days", s => s.ReviewPeriod = MaxPeriod + 1),
        };

        foreach (var (name, adjust) in cases)
        {
            var error = await Assert.ThrowsAsync<ContractRevertedException>(() => round.CreateRoundAsync(0, round.SetupFrom(now, adjust)));
            Assert.True(error.Is<RoundInvalidScheduleError>(), $"{name}: expected RoundInvalidSchedule, got {error.ErrorName}");
        }

        // The limits themselves are fine: a gap between applications and voting, no review period, periods of 366 days.
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => (s.VotingStart, s.ReviewPeriod, s.ClaimPeriod) = (s.ApplicationsEnd + Day, 0, MaxPeriod)));
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => s.ReviewPeriod = MaxPeriod));
        Assert.Equal(new BigInteger(3), await round.FactoryAs(0).RoundCountQueryAsync(round.Community.Address.Value));
    }

    [Fact]
    public async Task CreateRound_CapAbove10000Bps_RevertsInvalidCap()
    {
        var error = await AssertRevertsAsync<RoundInvalidCapError>(() => NewRound().WithCap(10_001).BuildAsync(Ct));

        Assert.Equal(new BigInteger(10_001), error.Argument<BigInteger>("capBps"));
        var round = await NewRound().WithCap(10_000).BuildAsync(Ct);
        Assert.Equal((ushort)10_000, (await round.As(0).SetupQueryAsync()).ReturnValue1.MatchingCapBps);
    }

    [Fact]
    public async Task CreateRound_MaxProjectsZeroOrAbove250_RevertsInvalidMaxProjects()
    {
        var round = await NewRound().BuildAsync(Ct);
        var now = await round.Pool.BlockTimeAsync();

        foreach (ushort requested in new ushort[] { 0, 251 })
        {
            var error = await AssertRevertsAsync<RoundInvalidMaxProjectsError>(() => round.CreateRoundAsync(0, round.SetupFrom(now, s => s.MaxProjects = requested)));

            Assert.Equal((new BigInteger(requested), new BigInteger(250)), (error.Argument<BigInteger>("requested"), error.Argument<BigInteger>("max")));
        }
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => s.MaxProjects = 250));
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => s.MaxProjects = 1));
    }

    [Fact]
    public async Task CreateRound_MinimumZeroOrNotFittingUint96_RevertsInvalidMinimum()
    {
        var round = await NewRound().BuildAsync(Ct);
        var now = await round.Pool.BlockTimeAsync();

        foreach (var minimum in new[] { BigInteger.Zero, BigInteger.One << 96 })
        {
            var error = await AssertRevertsAsync<RoundInvalidMinimumError>(() => round.CreateRoundAsync(0, round.SetupFrom(now, s => s.MinimumContribution = minimum)));

            Assert.Equal(minimum, error.Argument<BigInteger>("minimum"));
        }
        var largest = await round.CreateSiblingAsync(s => s.MinimumContribution = (BigInteger.One << 96) - 1);
        Assert.Equal((BigInteger.One << 96) - 1, (await largest.As(0).SetupQueryAsync()).ReturnValue1.MinimumContribution);
    }

    [Fact]
    public async Task CreateRound_EqualVoiceCreditsZeroOrNotFittingUint96_RevertsInvalidCredits()
    {
        var round = await NewRound().BuildAsync(Ct);
        var now = await round.Pool.BlockTimeAsync();

        foreach (var credits in new[] { BigInteger.Zero, BigInteger.One << 96 })
        {
            var error = await AssertRevertsAsync<RoundInvalidCreditsError>(() => round.CreateRoundAsync(0, round.SetupFrom(now, s => (s.Mode, s.CreditMode, s.CreditsPerMember) = (1, 0, credits))));

            Assert.Equal(credits, error.Argument<BigInteger>("creditsPerMember"));
        }
        // Credits per member matter only for quadratic voting with equal credits.
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => (s.Mode, s.CreditMode, s.CreditsPerMember) = (1, 1, 0)));
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => (s.Mode, s.CreditsPerMember) = (0, 0)));
        await round.CreateRoundAsync(0, round.SetupFrom(now, s => (s.Mode, s.CreditMode, s.CreditsPerMember) = (1, 0, (BigInteger.One << 96) - 1)));
    }
}
