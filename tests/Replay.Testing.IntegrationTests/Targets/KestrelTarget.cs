using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Replay.Testing.IntegrationTests.Targets;

/// <summary>A real Kestrel server on a free 127.0.0.1 port, answering every request with a configurable handler.</summary>
internal sealed class KestrelTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private KestrelTarget(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref _requests);

    /// <param name="handler">Answers each request; by default "ok".</param>
    /// <param name="protocols">What the endpoint speaks; HTTP/2 alone means h2c with prior knowledge.</param>
    public static async Task<KestrelTarget> StartAsync(Func<HttpContext, Task>? handler = null,
        Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        var app = builder.Build();
        var target = new KestrelTarget(app);
        handler ??= context => context.Response.WriteAsync("ok");
        app.Run(async context =>
        {
            Interlocked.Increment(ref target._requests);
            await handler(context);
        });
        await app.StartAsync();
        target.BaseAddress = new Uri(app.Urls.Single());
        return target;
    }

    /// <summary>Stops the server while clients may still be sending: a target that dies mid-run.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
