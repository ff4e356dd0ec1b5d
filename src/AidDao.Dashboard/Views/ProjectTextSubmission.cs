namespace AidDao.Dashboard.Views;

/// <summary>A project's application text, whose hash is its on-chain metadata.</summary>
public sealed record ProjectTextSubmission(string? Text);
