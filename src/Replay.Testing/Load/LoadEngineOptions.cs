namespace Replay.Testing.Load;

/// <summary>How the load engine sends the plan's requests.</summary>
public sealed record LoadEngineOptions
{
    /// <summary>
    /// The most requests in flight at once. An arrival due while the cap is reached is not sent and is counted as
    /// dropped (never queued: a queue would hide the overload). Default 2,000.
    /// </summary>
    public int MaxInFlight { get; init; } = 2_000;

    /// <summary>The keep-alive connection pool size. Default 256.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>How long one request may take before it counts as a timeout. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long in-flight requests may finish after the last arrival or a cancellation. Default 10 seconds.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long to send the plan's first requests, closed-loop and unrecorded, before the clock starts: production
    /// was warm during the incident, so a clone's first-request costs (JIT, connection pools, caches) and the
    /// engine's own must not be measured as the incident's latency. Default zero; the test-framework adapters use 2 s
    /// (configuration key <c>load.warmUp</c>).
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>How often progress is reported. Default 1 second.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The User-Agent header sent with every request.</summary>
    public string UserAgent { get; init; } = "Replay.Testing";

    /// <summary>
    /// Headers sent with every request, such as <c>Accept-Encoding: gzip, br</c> (bodies are then read compressed,
    /// as a browser would receive them) or an <c>Authorization</c> a staging environment needs.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The HTTP version: <see cref="System.Net.HttpVersion.Version11"/> (default) or
    /// <see cref="System.Net.HttpVersion.Version20"/>, which over plain http uses prior knowledge (h2c). The version
    /// is required, never negotiated down, so the report states what was really sent.
    /// </summary>
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version11;

    /// <summary>
    /// The share of requests, from 0 to 1, sent as clients that do not reuse connections (<c>Connection: close</c>),
    /// so the target pays for new connections as it did in production. Default 0. HTTP/1.1 only.
    /// </summary>
    public double FreshConnectionShare { get; init; }

    /// <summary>
    /// How many times a request that got a 5xx, a timeout or a transport error is sent again, as real clients do
    /// (and as retry storms grow outages). Default 0. Retries are counted apart from first attempts; the response
    /// time is the client's: from the intended send of the first attempt to the last answer.
    /// </summary>
    public int Retries { get; init; }

    /// <summary>The wait before the first retry, doubled for each further one. Default 100 ms.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Status codes below 500 that count as errors, such as <c>[401, 403, 404, 429]</c>: a replay whose answers
    /// should all be signed in can so fail on a missing session at once. Default none (only 5xx answers, timeouts
    /// and transport failures are errors). Codes from 100 to 499.
    /// </summary>
    public IReadOnlyList<int> ErrorStatuses { get; init; } = [];

    /// <summary>
    /// Checks that responses must pass, by endpoint key as in the plan (<c>"GET /products/{id}"</c>; configuration key
    /// <c>load.responseChecks</c>): expected status codes, content type, a body substring, a JSON pointer. A response
    /// that fails is an error of the kind <c>check</c>, with a few redacted examples in the result
    /// (<see cref="ReplayResult.CheckExamples"/>). Only endpoints whose check reads the body keep it (its first
    /// 64 KiB); the others cost nothing more. Default none. A key that names no endpoint of the plan stops the run
    /// before anything is sent.
    /// </summary>
    public IReadOnlyDictionary<string, ResponseCheck> ResponseChecks { get; init; } = new Dictionary<string, ResponseCheck>();

    /// <summary>Whether redirects are followed. Default false: a redirect is an answer, counted as a 3xx.</summary>
    public bool FollowRedirects { get; init; }

    /// <summary>Whether plain-http HTTP/1.1 goes through the Linux event loop where it can; tests turn it off to cover the pooled async path.</summary>
    internal bool UseEventLoop { get; init; } = true;

    internal void Validate()
    {
        var problems = new List<string>();
        if (MaxInFlight <= 0)
        {
            problems.Add($"LoadEngineOptions.MaxInFlight is {MaxInFlight}; it must be at least 1.");
        }

        if (MaxConnections <= 0)
        {
            problems.Add($"LoadEngineOptions.MaxConnections is {MaxConnections}; it must be at least 1.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.RequestTimeout is {RequestTimeout}; it must be positive.");
        }

        if (DrainTimeout < TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.DrainTimeout is {DrainTimeout}; it cannot be negative.");
        }

        if (WarmUp < TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.WarmUp is {WarmUp}; it cannot be negative (use zero for none).");
        }

        if (HttpVersion != System.Net.HttpVersion.Version11 && HttpVersion != System.Net.HttpVersion.Version20)
        {
            problems.Add($"LoadEngineOptions.HttpVersion is {HttpVersion}; use 1.1 or 2.0.");
        }

        if (FreshConnectionShare is < 0 or > 1 || double.IsNaN(FreshConnectionShare))
        {
            problems.Add($"LoadEngineOptions.FreshConnectionShare is {FreshConnectionShare}; it must be from 0 to 1 (0.1 = one request in ten on a new connection).");
        }

        if (Retries < 0 || Retries > 10)
        {
            problems.Add($"LoadEngineOptions.Retries is {Retries}; it must be from 0 to 10.");
        }

        if (RetryBackoff < TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.RetryBackoff is {RetryBackoff}; it cannot be negative.");
        }

        if (ErrorStatuses.FirstOrDefault(code => code is < 100 or > 499) is var code and not 0)
        {
            problems.Add($"LoadEngineOptions.ErrorStatuses holds {code}; list codes from 100 to 499 (5xx answers are always errors).");
        }

        foreach (var (key, check) in ResponseChecks)
        {
            ValidateResponseCheck(key, check, problems);
        }

        if (ProgressInterval <= TimeSpan.Zero)
        {
            problems.Add($"LoadEngineOptions.ProgressInterval is {ProgressInterval}; it must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ReplayConfigurationException(problems);
        }
    }

    private static void ValidateResponseCheck(string key, ResponseCheck? check, List<string> problems)
    {
        string name = $"load.responseChecks.{key}";
        if (key.Split(' ', 2) is not [{ Length: > 0 }, ['/', ..]])
        {
            problems.Add($"\"load.responseChecks\" has the key \"{key}\"; write an endpoint as in the plan: a method, a space and a path, such as \"GET /products/{{id}}\".");
        }

        if (check is null || (check.Statuses is not { Count: > 0 } && check.ContentType is null && !check.ReadsBody))
        {
            problems.Add($"\"{name}\" is empty; give at least one of \"status\", \"contentType\", \"bodyContains\" or \"jsonPointer\".");
            return;
        }

        foreach (int code in (check.Statuses ?? []).Where(c => c is < 100 or > 599).Take(1))
        {
            problems.Add($"\"{name}.status\" holds {code}; list status codes from 100 to 599.");
        }

        if (check.ContentType is { } type && (string.IsNullOrWhiteSpace(type) || !System.Text.Ascii.IsValid(type)))
        {
            problems.Add($"\"{name}.contentType\" is \"{type}\"; give a media type such as \"application/json\".");
        }

        if (check.BodyContains is { Length: 0 })
        {
            problems.Add($"\"{name}.bodyContains\" is empty; give the text the body must contain, or leave it out.");
        }

        if (check.JsonPointer is { } pointer && ResponseCheckMatcher.JsonPointerTokens(pointer) is null)
        {
            problems.Add($"\"{name}.jsonPointer\" is \"{pointer}\", not a JSON pointer; start it with \"/\" and write \"~\" as \"~0\" and \"/\" inside a name as \"~1\" (RFC 6901), such as \"/items/0/id\".");
        }
    }
}
