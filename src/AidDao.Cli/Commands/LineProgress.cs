namespace AidDao.Cli.Commands;

/// <summary>Writes each progress sentence to a writer at once (unlike <see cref="Progress{T}"/>, which posts later).</summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    /// <inheritdoc />
    public void Report(string value) => writer.WriteLine(value);
}
