namespace AidDao.Core.Chain;

/// <summary>
/// Thread-safe ring buffer of the last lines a child process wrote to one stream, for error
/// messages; plus the pump that drains a redirected stream into it so the child never blocks on a
/// full pipe.
/// </summary>
internal sealed class OutputTail
{
    /// <summary>Lines kept per stream unless told otherwise.</summary>
    public const int DefaultCapacity = 50;

    private readonly Queue<string> _lines;
    private readonly int _capacity;
    private readonly Lock _gate = new();

    public OutputTail(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _lines = new Queue<string>(capacity);
    }

    /// <summary>Appends a line, dropping the oldest when full.</summary>
    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == _capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    /// <summary>
    /// Reads <paramref name="reader"/> to its end, adding every line to <paramref name="tail"/>
    /// and handing it to <paramref name="onLine"/>. Never throws: a broken pipe just ends the pump.
    /// </summary>
    public static Task PumpAsync(StreamReader reader, OutputTail tail, Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(tail);

        return Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    tail.Add(line);
                    onLine?.Invoke(line);
                }
            }
            catch (IOException)
            {
                // The pipe broke (process killed): nothing more to read.
            }
            catch (ObjectDisposedException)
            {
                // The process object was disposed while reading.
            }
        });
    }

    /// <summary>
    /// Formats the kept lines as an indented block for an exception message, or a note that the
    /// stream was empty.
    /// </summary>
    public string Format(string streamName)
    {
        IReadOnlyList<string> lines = Snapshot();
        if (lines.Count == 0)
        {
            return $"({streamName} was empty)";
        }

        return $"Last {lines.Count} line(s) of {streamName}:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", lines);
    }
}
