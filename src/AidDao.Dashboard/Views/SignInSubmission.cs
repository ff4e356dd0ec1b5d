namespace AidDao.Dashboard.Views;

/// <summary>A signed sign-in message.</summary>
public sealed record SignInSubmission(string? Message, string? Signature);
