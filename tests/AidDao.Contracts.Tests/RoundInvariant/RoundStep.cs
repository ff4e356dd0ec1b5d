namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>One random step: its kind, what was tried, what the model predicted and what the chain answered ("ok …" or a custom error).</summary>
internal sealed record RoundStep(string Kind, string Description, string Expected, string Actual)
{
    public bool Agrees => Expected == Actual;
}
