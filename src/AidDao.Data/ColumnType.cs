namespace AidDao.Data;

/// <summary>How a read-model column is stored.</summary>
public enum ColumnType
{
    /// <summary>Text: addresses and hashes (0x-hex, lower case), names, and uint256 amounts as decimal digits.</summary>
    Text,

    /// <summary>A 64-bit integer (BIGINT): block numbers, log indexes, ids that fit, timestamps, flags (0/1).</summary>
    Number,
}
