using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Replay.Testing.IntegrationTests.Targets;

/// <summary>
/// A small app that meters itself as ASP.NET Core's OpenTelemetry instrumentation does, and serves the metrics in
/// the Prometheus text format at <c>/metrics</c>: <c>http_server_request_duration_seconds</c> (a histogram) labelled
/// by route template, method and status. <c>/products/{id}</c> answers at once, <c>/slow</c> after 60 ms,
/// <c>POST /checkout</c> with 503.
/// </summary>
internal sealed class MeteredApp : IAsyncDisposable
{
    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1];
    private readonly ConcurrentDictionary<(string Route, string Method, int Status), Series> _series = new();
    private KestrelTarget _server = null!;

    public Uri BaseAddress => _server.BaseAddress;

    public static async Task<MeteredApp> StartAsync()
    {
        var app = new MeteredApp();
        app._server = await KestrelTarget.StartAsync(app.HandleAsync);
        return app;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        if (path == "/metrics")
        {
            await context.Response.WriteAsync(Render());
            return;
        }

        var clock = Stopwatch.StartNew();
        string route = path.StartsWith("/products/", StringComparison.Ordinal) ? "/products/{id}" : path;
        if (path == "/slow")
        {
            await Task.Delay(60);
        }

        context.Response.StatusCode = path == "/checkout" ? 503 : 200;
        _series.GetOrAdd((route, context.Request.Method, context.Response.StatusCode), _ => new Series()).Record(clock.Elapsed.TotalSeconds);
    }

    private string Render()
    {
        var text = new StringBuilder("# TYPE http_server_request_duration_seconds histogram\n");
        foreach (var ((route, method, status), series) in _series)
        {
            string labels = $"http_route=\"{route}\",http_request_method=\"{method}\",http_response_status_code=\"{status}\"";
            var (buckets, count, sum) = series.Read();
            for (int i = 0; i < Bounds.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_bucket{{{labels},le=\"{Bounds[i]}\"}} {buckets[i]}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_count{{{labels}}} {count}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_sum{{{labels}}} {sum}\n");
        }

        return text.ToString();
    }

    private sealed class Series
    {
        private readonly long[] _buckets = new long[Bounds.Length];
        private long _count;
        private double _sum;

        public void Record(double seconds)
        {
            lock (this)
            {
                for (int i = 0; i < Bounds.Length; i++)
                {
                    if (seconds <= Bounds[i])
                    {
                        _buckets[i]++;
                    }
                }

                _count++;
                _sum += seconds;
            }
        }

        public (long[] Buckets, long Count, double Sum) Read()
        {
            lock (this)
            {
                return ((long[])_buckets.Clone(), _count, _sum);
            }
        }
    }
}
