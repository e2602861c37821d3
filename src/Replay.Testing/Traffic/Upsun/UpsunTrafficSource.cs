using System.Globalization;
using System.Text.Json;

namespace Replay.Testing.Traffic.Upsun;

/// <summary>
/// Reads an incident window's traffic live from Upsun's observability API: the HTTP overview (top URLs ranked by
/// impact, the per-bucket timeline and status classes), widened by the URL breakdown when more than 100 URLs are
/// asked for, and the application's CPU and memory during the window.
/// Refuses windows older than the environment's retention; splits a window the API finds too large (499) at whole
/// minutes, down to parts of one minute, and merges the parts.
/// </summary>
public sealed class UpsunTrafficSource : ITrafficSource
{
    private const int MaxOverviewUrls = 100;
    private const int MaxBreakdownUrls = 300;
    // A range longer than this is halved at whole minutes (3 min: 1 + 2), so the smallest parts are one minute long.
    private static readonly TimeSpan LongestUnsplit = TimeSpan.FromMinutes(2);
    private readonly UpsunOptions _options;
    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates the source.</summary>
    /// <exception cref="ReplayConfigurationException">An option is invalid.</exception>
    public UpsunTrafficSource(UpsunOptions options) : this(options, null)
    {
    }

    internal UpsunTrafficSource(UpsunOptions options, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ProjectId))
        {
            problems.Add("UpsunOptions.ProjectId is empty; give the project id (upsun.projectId), as in the console's URL.");
        }

        if (string.IsNullOrWhiteSpace(options.EnvironmentId))
        {
            problems.Add("UpsunOptions.EnvironmentId is empty; give production's environment id (upsun.environmentId), such as \"main\".");
        }

        if (options.TopUrlsCount is < 1 or > MaxBreakdownUrls)
        {
            problems.Add($"UpsunOptions.TopUrlsCount is {options.TopUrlsCount}; Upsun ranks from 1 to {MaxBreakdownUrls} URLs (above {MaxOverviewUrls} through its URL breakdown).");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Deadline <= TimeSpan.Zero)
        {
            problems.Add($"UpsunOptions.Timeout is {options.Timeout} and Deadline {options.Deadline}; both must be positive (traffic.upsun.requestTimeout, traffic.upsun.deadline).");
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }

        _options = options;
        _handler = handler;
    }

    /// <inheritdoc />
    public string Kind => "upsun";

    /// <summary>Whether an API token is available (set in the options or in <c>UPSUN_API_TOKEN</c>).</summary>
    public bool HasCredentials => _options.ResolveToken() is { Length: > 0 };

    /// <inheritdoc />
    public async ValueTask<TrafficProfile> FetchAsync(IncidentWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        string token = _options.ResolveToken() is { Length: > 0 } t ? t
            : throw new TrafficSourceException($"No Upsun API token: set {UpsunOptions.ApiTokenVariable} (console: My profile, API tokens), or commit a snapshot of the window.");
        using var api = new UpsunApiClient(_options, token, _handler);
        string root = $"projects/{Uri.EscapeDataString(_options.ProjectId)}/environments/{Uri.EscapeDataString(_options.EnvironmentId)}/observability";

        var (retention, maxRange) = Retention(await api.GetAsync(root, cancellationToken).ConfigureAwait(false));
        if (retention is { } kept && window.Start < DateTimeOffset.UtcNow - kept)
        {
            throw new TrafficSourceException(
                $"The incident window {window} starts before what Upsun keeps of HTTP traffic ({(kept.TotalDays >= 1 ? $"{kept.TotalDays:0.#} days" : $"{kept.TotalHours:0.#} h")}) for project {_options.ProjectId}, environment {_options.EnvironmentId}. " +
                "Replay it from a snapshot saved while the data was there, or from access logs.");
        }

        var parts = new List<TrafficProfile>();
        foreach (var range in Split(window, maxRange))
        {
            await FetchRangeAsync(api, root, range, parts, cancellationToken).ConfigureAwait(false);
        }

        var profile = parts.Count == 1 ? parts[0] : Merge(parts, window);
        var details = new Dictionary<string, string>(profile.Origin.Details);
        if (parts.Count > 1)
        {
            details["ranges"] = parts.Count.ToString(CultureInfo.InvariantCulture);
        }

        ProductionResources? resources = null;
        try
        {
            string json = await api.GetAsync($"{root}/resources/overview?from={window.Start.ToUnixTimeSeconds()}&to={window.End.ToUnixTimeSeconds()}", cancellationToken)
                .ConfigureAwait(false);
            resources = UpsunResourcesParser.Parse(json, window, _options.Service, "Upsun's resources/overview");
        }
        catch (Exception e) when (e is TrafficSourceException or UpsunTooMuchDataException)
        {
            details["resources"] = "unavailable: " + e.Message;   // the traffic stands without them; parity says so
        }

        return profile with
        {
            ProductionResources = resources ?? profile.ProductionResources,
            Origin = profile.Origin with { FetchedAt = DateTimeOffset.UtcNow, Details = details },
        };
    }

    // A range the API finds too large (499) is halved at whole minutes while it is longer than two minutes: parts
    // go down to one minute.
    private async Task FetchRangeAsync(UpsunApiClient api, string root, IncidentWindow range, List<TrafficProfile> parts, CancellationToken cancellationToken)
    {
        try
        {
            string span = $"from={range.Start.ToUnixTimeSeconds()}&to={range.End.ToUnixTimeSeconds()}";
            string json = await api.GetAsync(
                $"{root}/http-metrics/overview?{span}&top_urls_count={Math.Min(_options.TopUrlsCount, MaxOverviewUrls)}",
                cancellationToken).ConfigureAwait(false);
            var part = UpsunOverviewParser.Parse(json, range, "Upsun's http-metrics/overview");
            if (_options.TopUrlsCount > MaxOverviewUrls)
            {
                string breakdown = await api.GetAsync($"{root}/http/breakdown/urls?{span}&limit={_options.TopUrlsCount}", cancellationToken).ConfigureAwait(false);
                part = UpsunBreakdownParser.Widen(part, breakdown, "Upsun's http/breakdown/urls");
            }

            parts.Add(part);
        }
        catch (UpsunTooMuchDataException) when (range.Duration > LongestUnsplit)
        {
            var middle = range.Start + TimeSpan.FromMinutes(Math.Floor(range.Duration.TotalMinutes / 2));
            await FetchRangeAsync(api, root, new IncidentWindow(range.Start, middle), parts, cancellationToken).ConfigureAwait(false);
            await FetchRangeAsync(api, root, new IncidentWindow(middle, range.End), parts, cancellationToken).ConfigureAwait(false);
        }
        catch (UpsunTooMuchDataException e)
        {
            string fix = _options.TopUrlsCount > 1
                ? $"lower upsun.topUrlsCount (now {_options.TopUrlsCount}), or read the window from access logs"
                : "upsun.topUrlsCount is already 1, so read the window from access logs instead";
            throw new TrafficSourceException(
                $"{e.Message} The window was split down to {range} ({range.Duration.TotalMinutes:0.#} min), the smallest part it is split into, and Upsun still finds it too much; {fix}.", e);
        }
    }

    private static IEnumerable<IncidentWindow> Split(IncidentWindow window, TimeSpan? maxRange)
    {
        if (maxRange is not { } max || window.Duration <= max)
        {
            yield return window;
            yield break;
        }

        for (var start = window.Start; start < window.End; start += max)
        {
            yield return new IncidentWindow(start, start + max < window.End ? start + max : window.End);
        }
    }

    private static (TimeSpan? Retention, TimeSpan? MaxRange) Retention(string entryPoint)
    {
        try
        {
            using var document = JsonDocument.Parse(entryPoint);
            if (!document.RootElement.TryGetProperty("data_retention", out var retention) || retention.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            double unit = retention.TryGetProperty("_unit_in_seconds", out var u) && u.TryGetDouble(out double seconds) ? seconds : 60;
            if (!retention.TryGetProperty("http_traffic", out var http) || http.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            TimeSpan? Read(string name) => http.TryGetProperty(name, out var v) && v.TryGetDouble(out double n) && n > 0 ? TimeSpan.FromSeconds(n * unit) : null;
            return (Read("retention_period"), Read("max_range"));
        }
        catch (JsonException e)
        {
            throw new TrafficSourceException($"Upsun's observability entry point answered with something that is not JSON ({e.Message}). Check upsun.apiUrl.", e);
        }
    }

    // Parts of a split window: counts add up; production's percentiles are averaged by request count (an
    // approximation the origin records); buckets of a finer grain are summed into the coarsest grain.
    internal static TrafficProfile Merge(IReadOnlyList<TrafficProfile> parts, IncidentWindow window)
    {
        var grain = parts.Max(p => p.BucketSize);
        var endpoints = parts.SelectMany(p => p.Endpoints).GroupBy(e => e.Key, StringComparer.Ordinal).Select(g =>
        {
            long count = g.Sum(e => e.Count);
            double? Weighted(Func<TrafficEndpoint, double?> value) =>
                g.Where(e => value(e) is not null && e.Count > 0).ToList() is { Count: > 0 } known
                    ? known.Sum(e => value(e)!.Value * e.Count) / known.Sum(e => e.Count)
                    : null;
            return g.First() with { Count = count, P50Milliseconds = Weighted(e => e.P50Milliseconds), P96Milliseconds = Weighted(e => e.P96Milliseconds), AverageMilliseconds = Weighted(e => e.AverageMilliseconds) };
        }).OrderByDescending(e => e.Count).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();

        var timeline = parts.SelectMany(p => p.Timeline)
            .GroupBy(b => window.Start + (grain * Math.Floor((b.Start - window.Start) / grain)))
            .OrderBy(g => g.Key)
            .Select(g => new TrafficBucket(g.Key, g.SelectMany(b => b.Counts).GroupBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => c.Sum(x => x.Value), StringComparer.Ordinal))
            {
                Statuses = g.Select(b => b.Statuses).OfType<StatusClassCounts>().Aggregate((StatusClassCounts?)null, (sum, s) => sum is null ? s : sum + s),
                RequestBytes = g.Any(b => b.RequestBytes is not null) ? g.Sum(b => b.RequestBytes ?? 0) : null,
                ResponseBytes = g.Any(b => b.ResponseBytes is not null) ? g.Sum(b => b.ResponseBytes ?? 0) : null,
            }).ToList();

        return parts[0] with
        {
            Window = window,
            BucketSize = grain,
            Endpoints = endpoints,
            Timeline = timeline,
            TotalRequests = parts.Sum(p => p.TotalRequests),
            ProductionHosts = parts.SelectMany(p => p.ProductionHosts).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }
}
