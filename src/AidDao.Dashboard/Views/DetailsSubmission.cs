namespace AidDao.Dashboard.Views;

/// <summary>What a requester posts: the details whose hash is on-chain.</summary>
public sealed record DetailsSubmission(string? Details);
