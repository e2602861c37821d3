using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Replay.Testing.Traffic.Prometheus;

/// <summary>
/// Reads an incident window's traffic from a request counter in Prometheus: requests per route and method per
/// bucket, status classes per bucket, and production's p50 and p96 per route from the duration histogram when there
/// is one. Counts are differences of the counter's own samples at the bucket edges, so they are whole requests (not
/// <c>increase()</c>'s extrapolation); a counter reset (a restarted instance) counts from zero again.
/// </summary>
public sealed partial class PrometheusTrafficSource : ITrafficSource
{
    private readonly PrometheusOptions _options;
    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates the source.</summary>
    /// <exception cref="ReplayConfigurationException">An option is invalid.</exception>
    public PrometheusTrafficSource(PrometheusOptions options) : this(options, null)
    {
    }

    internal PrometheusTrafficSource(PrometheusOptions options, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options;
        _handler = handler;
    }

    /// <inheritdoc />
    public string Kind => "prometheus";

    /// <inheritdoc />
    public async ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Duration.Ticks % _options.BucketSize.Ticks != 0)
        {
            throw new ReplayConfigurationException(
                $"PrometheusOptions.BucketSize is {_options.BucketSize}, which does not divide the window {window} ({window.Duration}) into whole buckets.");
        }

        using var client = _handler is null ? new HttpClient() : new HttpClient(_handler, disposeHandler: false);
        client.BaseAddress = _options.BaseUrl;
        client.Timeout = _options.Timeout;
        int buckets = (int)(window.Duration.Ticks / _options.BucketSize.Ticks);
        string selector = "{" + _options.Selector + "}";

        string byEndpoint = $"sum by ({_options.RouteLabel}, {_options.MethodLabel}) ({_options.Metric}{selector})";
        var endpointSeries = await RangeAsync(client, byEndpoint, window, cancellationToken).ConfigureAwait(false);
        if (endpointSeries.Count == 0)
        {
            throw new TrafficSourceException(
                $"Prometheus at {_options.BaseUrl} has no series of {_options.Metric}{selector} between {window.Start:u} and {window.End:u}. " +
                "Check PrometheusOptions.Metric and Selector (the defaults are ASP.NET Core's OpenTelemetry names), and that the data is still retained.");
        }

        var countsByKey = new Dictionary<string, long[]>(StringComparer.Ordinal);
        long total = 0;
        foreach (var series in endpointSeries)
        {
            long[] counts = Differences(series, window, buckets);
            total += counts.Sum();
            string route = series.Metric.GetValueOrDefault(_options.RouteLabel) ?? "";
            string method = (series.Metric.GetValueOrDefault(_options.MethodLabel) ?? "GET").ToUpperInvariant();
            if (route.Length == 0 || counts.Sum() == 0)
            {
                continue;   // unmatched routes (404s and the like) count in the total, not as endpoints
            }

            string key = TrafficEndpoint.KeyOf(method, Template(route));
            countsByKey[key] = countsByKey.TryGetValue(key, out var existing) ? existing.Zip(counts, (a, b) => a + b).ToArray() : counts;
        }

        string byStatus = $"sum by ({_options.StatusLabel}) ({_options.Metric}{selector})";
        var statusSeries = await RangeAsync(client, byStatus, window, cancellationToken).ConfigureAwait(false);
        var classes = new long[buckets, 6];
        foreach (var series in statusSeries)
        {
            int code = int.TryParse(series.Metric.GetValueOrDefault(_options.StatusLabel), NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : 0;
            int statusClass = code is >= 100 and < 600 ? code / 100 : 0;
            long[] counts = Differences(series, window, buckets);
            for (int b = 0; b < buckets; b++)
            {
                classes[b, statusClass] += counts[b];
            }
        }

        // Each endpoint's own status mix, so the replay's answers can be held to production's endpoint by endpoint.
        string byEndpointStatus = $"sum by ({_options.RouteLabel}, {_options.MethodLabel}, {_options.StatusLabel}) ({_options.Metric}{selector})";
        var endpointClasses = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var series in await RangeAsync(client, byEndpointStatus, window, cancellationToken).ConfigureAwait(false))
        {
            string route = series.Metric.GetValueOrDefault(_options.RouteLabel) ?? "";
            string method = (series.Metric.GetValueOrDefault(_options.MethodLabel) ?? "GET").ToUpperInvariant();
            int code = int.TryParse(series.Metric.GetValueOrDefault(_options.StatusLabel), NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : 0;
            if (route.Length > 0)
            {
                string key = TrafficEndpoint.KeyOf(method, Template(route));
                var perClass = endpointClasses.TryGetValue(key, out var found) ? found : endpointClasses[key] = new long[6];
                perClass[code is >= 100 and < 600 ? code / 100 : 0] += Differences(series, window, buckets).Sum();
            }
        }

        var percentiles = await PercentilesAsync(client, window, selector, cancellationToken).ConfigureAwait(false);
        var listed = countsByKey.OrderByDescending(e => e.Value.Sum()).ThenBy(e => e.Key, StringComparer.Ordinal).Take(_options.MaxEndpoints).ToList();
        var endpoints = listed.Select(e =>
        {
            int space = e.Key.IndexOf(' ', StringComparison.Ordinal);
            percentiles.TryGetValue(e.Key, out var p);
            return new TrafficEndpoint(e.Key[..space], e.Key[(space + 1)..], e.Value.Sum())
            {
                P50Milliseconds = p.P50,
                P96Milliseconds = p.P96,
                Statuses = endpointClasses.TryGetValue(e.Key, out var k) ? new StatusClassCounts(k[1], k[2], k[3], k[4], k[5], k[0]) : null,
            };
        }).ToList();
        var timeline = Enumerable.Range(0, buckets).Select(b => new TrafficBucket(window.Start + (_options.BucketSize * b),
            listed.Where(e => e.Value[b] > 0).ToDictionary(e => e.Key, e => e.Value[b], StringComparer.Ordinal))
        {
            Statuses = new StatusClassCounts(classes[b, 1], classes[b, 2], classes[b, 3], classes[b, 4], classes[b, 5], classes[b, 0]),
        }).ToList();

        return new TrafficProfile
        {
            Window = window,
            BucketSize = _options.BucketSize,
            Endpoints = endpoints,
            Timeline = timeline,
            TotalRequests = total,
            ProductionHosts = _options.ProductionHosts,
            Origin = new TrafficOrigin(Kind, $"Prometheus {_options.BaseUrl}, {_options.Metric}{selector}")
            {
                FetchedAt = DateTimeOffset.UtcNow,
                Details = new Dictionary<string, string>
                {
                    ["baseUrl"] = _options.BaseUrl!.ToString(),
                    ["query"] = byEndpoint,
                    ["series"] = endpointSeries.Count.ToString(CultureInfo.InvariantCulture),
                },
            },
        };
    }

    // Requests per bucket from the counter's samples at the bucket edges. A series missing at the first edge was
    // born inside the window (counters appear on their first request); a drop is a reset, counted from zero.
    private long[] Differences(PrometheusSeries series, IncidentWindow window, int buckets)
    {
        var samples = new Dictionary<long, double>();
        foreach (var pair in series.Values)
        {
            samples[(long)Math.Round(pair[0].GetDouble())] = double.Parse(pair[1].GetString()!, CultureInfo.InvariantCulture);
        }

        long start = window.Start.ToUnixTimeSeconds();
        long step = (long)_options.BucketSize.TotalSeconds;
        double previous = samples.GetValueOrDefault(start);
        var counts = new long[buckets];
        for (int b = 0; b < buckets; b++)
        {
            if (!samples.TryGetValue(start + ((b + 1) * step), out double value) || double.IsNaN(value))
            {
                continue;
            }

            double delta = value >= previous ? value - previous : value;
            counts[b] = (long)Math.Round(delta);
            previous = value;
        }

        return counts;
    }

    private async Task<Dictionary<string, (double? P50, double? P96)>> PercentilesAsync(HttpClient client, IncidentWindow window, string selector,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, (double? P50, double? P96)>(StringComparer.Ordinal);
        if (_options.DurationHistogram is not { Length: > 0 } histogram)
        {
            return result;
        }

        long seconds = (long)window.Duration.TotalSeconds;
        foreach (var (quantile, isP50) in new[] { (0.5, true), (0.96, false) })
        {
            string query = string.Create(CultureInfo.InvariantCulture,
                $"histogram_quantile({quantile}, sum by (le, {_options.RouteLabel}, {_options.MethodLabel}) (increase({histogram}_bucket{selector}[{seconds}s])))");
            var series = await QueryAsync(client, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={window.End.ToUnixTimeSeconds()}", query, cancellationToken)
                .ConfigureAwait(false);
            foreach (var s in series)
            {
                string route = s.Metric.GetValueOrDefault(_options.RouteLabel) ?? "";
                if (route.Length == 0 || s.Value is not [_, var v] || !double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
                    !double.IsFinite(value))
                {
                    continue;
                }

                string key = TrafficEndpoint.KeyOf((s.Metric.GetValueOrDefault(_options.MethodLabel) ?? "GET").ToUpperInvariant(), Template(route));
                var current = result.GetValueOrDefault(key);
                result[key] = isP50 ? (value * 1000, current.P96) : (current.P50, value * 1000);
            }
        }

        return result;
    }

    private Task<List<PrometheusSeries>> RangeAsync(HttpClient client, string query, IncidentWindow window, CancellationToken cancellationToken) =>
        QueryAsync(client, string.Create(CultureInfo.InvariantCulture,
            $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={window.Start.ToUnixTimeSeconds()}&end={window.End.ToUnixTimeSeconds()}&step={(long)_options.BucketSize.TotalSeconds}s"),
            query, cancellationToken);

    private async Task<List<PrometheusSeries>> QueryAsync(HttpClient client, string path, string query, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TrafficSourceException($"Prometheus at {_options.BaseUrl} could not be reached ({e.Message}). Check PrometheusOptions.BaseUrl.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TrafficSourceException($"Prometheus at {_options.BaseUrl} did not answer within {_options.Timeout} the query {query}. Raise PrometheusOptions.Timeout or use a larger BucketSize.", e);
        }

        using (response)
        {
            PrometheusResponse? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync<PrometheusResponse>(cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new TrafficSourceException($"Prometheus at {_options.BaseUrl} answered {(int)response.StatusCode} with something that is not its API's JSON to the query {query}. Is BaseUrl the Prometheus server itself?", e);
            }

            if (!response.IsSuccessStatusCode || body?.Status != "success")
            {
                throw new TrafficSourceException(
                    $"Prometheus at {_options.BaseUrl} refused the query {query}: {(int)response.StatusCode} {body?.ErrorType} {body?.Error}".TrimEnd() +
                    ". Check PrometheusOptions.Metric, the label names and Selector.");
            }

            return body.Data?.Result ?? [];
        }
    }

    // ASP.NET Core route templates keep constraints and may omit the leading slash: "products/{id:int}" -> "/products/{id}".
    internal static string Template(string route)
    {
        string path = RouteParameter().Replace(route, "{$1}");
        return path.StartsWith('/') ? path : "/" + path;
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(?::[^}]*)?\??(?:=[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private static void Validate(PrometheusOptions options)
    {
        var problems = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true })
        {
            problems.Add("PrometheusOptions.BaseUrl is not set; give the Prometheus server's address, such as \"http://prometheus:9090/\".");
        }

        if (options.BucketSize < TimeSpan.FromSeconds(1) || options.BucketSize.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"PrometheusOptions.BucketSize is {options.BucketSize}; it must be a whole number of seconds, at least 1.");
        }

        foreach (var (name, value) in new[] { ("Metric", options.Metric), ("RouteLabel", options.RouteLabel), ("MethodLabel", options.MethodLabel), ("StatusLabel", options.StatusLabel) })
        {
            if (!LabelName().IsMatch(value ?? ""))
            {
                problems.Add($"PrometheusOptions.{name} is \"{value}\", which is not a Prometheus metric or label name.");
            }
        }

        if (options.MaxEndpoints < 1)
        {
            problems.Add($"PrometheusOptions.MaxEndpoints is {options.MaxEndpoints}; it must be at least 1.");
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex LabelName();
}
