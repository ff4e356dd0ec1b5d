using System.Globalization;
using AidDao.Core.Pools;
using AidDao.Core.ReadModel;

namespace AidDao.Dashboard;

/// <summary>A proposed pool change in plain words ("Declare an emergency for 2 days").</summary>
internal static class PoolChangeText
{
    /// <summary>Describes <paramref name="change"/>; <paramref name="asset"/> is the asset it concerns.</summary>
    public static string Describe(IndexedPoolChange change, PoolAsset asset)
    {
        var value = change.Value;
        var seconds = value > long.MaxValue ? long.MaxValue : (long)value;
        return change.Kind switch
        {
            0 => $"Accept {asset.Symbol} with new limits",
            1 => $"Stop taking {asset.Symbol}",
            2 => $"Set the rolling window to {DurationText.Of(seconds)}",
            3 => $"Set the cooldown between payments to one recipient to {DurationText.Of(seconds)}",
            4 => $"Keep new requests open for {DurationText.Of(seconds)}",
            5 => $"During an emergency, pay small requests with {value.ToString(CultureInfo.InvariantCulture)} approval{(value == 1 ? "" : "s")}",
            6 => $"Declare an emergency for {DurationText.Of(seconds)}",
            7 => "End the emergency",
            8 => "Resume payments",
            _ => $"Change of kind {change.Kind}",
        };
    }
}
