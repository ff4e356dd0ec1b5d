namespace AidDao.Cli.Commands;

/// <summary>Process exit codes of <c>aiddao</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;
    /// <summary>The chain or a contract refused, or the chain could not be reached.</summary>
    public const int Failed = 1;
    /// <summary>The command line or an input value is not valid; nothing was sent.</summary>
    public const int BadInput = 2;
    /// <summary>A bug: an unexpected exception.</summary>
    public const int Internal = 70;
    /// <summary>Stopped by Ctrl-C.</summary>
    public const int Cancelled = 130;
}
