using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AidDao.Indexer.Tests.Support;

/// <summary>Listens to the instruments of one <see cref="IndexerMetrics"/> and keeps every measurement.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    /// <summary>One measurement: instrument name, value and tags.</summary>
    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public MetricsRecorder(IndexerMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Measured> Measurements => [.. _measured];

    /// <summary>Asks the observable gauges for their values now; returns those measurements.</summary>
    public IReadOnlyList<Measured> Observe()
    {
        var before = _measured.Count;
        _listener.RecordObservableInstruments();
        return [.. _measured.Skip(before)];
    }

    /// <summary>The sum of the measurements of <paramref name="instrument"/> tagged with <paramref name="chainId"/>.</summary>
    public double Sum(string instrument, long chainId) =>
        Measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("chain_id"), chainId)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags) copied[tag.Key] = tag.Value;
        _measured.Enqueue(new Measured(instrument.Name, value, copied));
    }
}
