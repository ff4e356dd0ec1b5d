using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Indexer;

/// <summary>An AidDao event the indexer decodes: its name, its generated DTO type, a decoder and an argument writer.</summary>
/// <param name="Name">The event's name, as in the contract.</param>
/// <param name="Signature">Its canonical signature, e.g. <c>Contributed(address,uint256,uint256,bool)</c>.</param>
/// <param name="Topic">Its topic 0 (0x-hex, lower case).</param>
/// <param name="DtoType">The generated Nethereum event DTO.</param>
/// <param name="Decode">Decodes a log into the DTO.</param>
/// <param name="WriteArguments">Writes a decoded DTO's arguments as a JSON object.</param>
public sealed record EventDefinition(
    string Name,
    string Signature,
    string Topic,
    Type DtoType,
    Func<FilterLog, object> Decode,
    Func<object, string> WriteArguments);
