using System.Text;

namespace AidDao.Cli.Output;

/// <summary>
/// Plain text in aligned columns: no colours, no box characters, so it reads the same in a terminal, a pipe, a file or
/// a test. Columns are separated by two spaces; numeric columns can be right-aligned.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>A table with these column headers; a header ending in '>' marks a right-aligned column (the '>' is not shown).</summary>
    public TextTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _rightAligned = headers.Select(h => h.EndsWith('>')).ToArray();
        _headers = headers.Select(h => h.TrimEnd('>')).ToArray();
    }

    /// <summary>Adds a row with one cell per column.</summary>
    public TextTable Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length) throw new ArgumentException($"A row needs {_headers.Length} cells, not {cells.Length}.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>The header and the rows, each line without trailing spaces.</summary>
    public override string ToString()
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(_headers))
        {
            var line = string.Join("  ", row.Select((cell, i) => _rightAligned[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])));
            text.Append(line.TrimEnd()).Append(Environment.NewLine);
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>Label/value lines with the values aligned, e.g. "Pool       Riverside".</summary>
    public static string Fields(params (string Label, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var width = fields.Max(f => f.Label.Length) + 2;
        return string.Join(Environment.NewLine, fields.Select(f => (f.Label.PadRight(width) + f.Value).TrimEnd()));
    }
}
