using System.Numerics;
using AidDao.Core;
using Xunit;

namespace AidDao.Contracts.Tests.Round;

/// <summary>Assertions on the arguments of round errors that several test classes meet.</summary>
internal static class RoundAssert
{
    /// <summary>A <c>RoundOutsideWindow(opensAt, closesAt, now_)</c> error carries these times.</summary>
    public static void Window(ContractRevertedException error, ulong opensAt, ulong closesAt, ulong now) =>
        Assert.Equal((new BigInteger(opensAt), new BigInteger(closesAt), new BigInteger(now)),
            (error.Argument<BigInteger>("opensAt"), error.Argument<BigInteger>("closesAt"), error.Argument<BigInteger>("now_")));

    /// <summary>A <c>RoundValueMismatch(sent, expected)</c> error carries these amounts.</summary>
    public static void Value(ContractRevertedException error, BigInteger sent, BigInteger expected) =>
        Assert.Equal((sent, expected), (error.Argument<BigInteger>("sent"), error.Argument<BigInteger>("expected")));

    /// <summary>A <c>RoundNotActive(status)</c> error names a cancelled round.</summary>
    public static void Cancelled(ContractRevertedException error) =>
        Assert.Equal(new BigInteger(2), error.Argument<BigInteger>("status"));
}
