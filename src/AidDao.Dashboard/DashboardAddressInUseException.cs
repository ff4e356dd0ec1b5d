using AidDao.Core;

namespace AidDao.Dashboard;

/// <summary>The dashboard's address is taken by another program.</summary>
public sealed class DashboardAddressInUseException : AidDaoException
{
    /// <summary>Creates the exception for <paramref name="urls"/>.</summary>
    public DashboardAddressInUseException(string urls, Exception innerException)
        : base($"The dashboard cannot listen on {urls}: another program uses that port. Stop it, or give another address with --dashboard-url http://127.0.0.1:PORT (0 picks a free port).", innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DashboardAddressInUseException() : base("The dashboard's port is in use.") { }

    /// <summary>Creates the exception with a message.</summary>
    public DashboardAddressInUseException(string message) : base(message) { }
}
