using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AidDao.TestUtils;

/// <summary>The smallest Kestrel application: every request goes to one handler (no host, DI or middleware).</summary>
internal sealed class ProxyApplication(RequestDelegate handler) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => handler(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
