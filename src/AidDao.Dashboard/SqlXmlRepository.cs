using System.Xml.Linq;
using AidDao.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AidDao.Dashboard;

/// <summary>
/// ASP.NET Core's data-protection key ring kept in the index database (<see cref="DataProtectionKeyStore"/>), so every
/// dashboard instance on one database seals and opens session cookies with the same keys. The key documents are secrets:
/// nothing here logs them.
/// </summary>
internal sealed class SqlXmlRepository(DataProtectionKeyStore store) : IXmlRepository
{
    // IXmlRepository is synchronous. Data protection calls it only when it loads or refreshes its key ring (at start, then
    // about once a day, inside whichever request needs the ring then) or makes a key: one short blocking read a day, not
    // one per request.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.GetAllAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var id = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        store.StoreAsync(id, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None).GetAwaiter().GetResult();
    }
}
