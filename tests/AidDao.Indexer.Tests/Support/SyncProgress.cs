namespace AidDao.Indexer.Tests.Support;

/// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
