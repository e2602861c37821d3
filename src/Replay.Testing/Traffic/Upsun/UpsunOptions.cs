using System.Text;
using Replay.Testing.Secrets;

namespace Replay.Testing.Traffic.Upsun;

/// <summary>Where production runs on Upsun, and how to reach its observability API.</summary>
public sealed record UpsunOptions
{
    /// <summary>The environment variable the API token is read from when <see cref="ApiToken"/> is not set.</summary>
    public const string ApiTokenVariable = "UPSUN_API_TOKEN";

    /// <summary>
    /// An Upsun API token (console: My profile, API tokens). Exchanged for short-lived access tokens; it never
    /// appears in output, reports or error messages. Default: the <c>UPSUN_API_TOKEN</c> environment variable.
    /// </summary>
    public string? ApiToken { get; init; }

    /// <summary>The project id.</summary>
    public string ProjectId { get; init; } = "";

    /// <summary>The production environment id, such as <c>main</c>.</summary>
    public string EnvironmentId { get; init; } = "";

    /// <summary>
    /// The API. Default <c>https://api.upsun.com/</c>. A path is kept, with or without a trailing slash
    /// (<c>https://proxy.example/upsun</c> calls <c>https://proxy.example/upsun/projects/…</c>).
    /// </summary>
    public Uri ApiUrl { get; init; } = new("https://api.upsun.com/");

    /// <summary>
    /// Where the token endpoint (<c>oauth2/token</c>) is. Default <c>https://auth.upsun.com/</c>. A path is kept, with
    /// or without a trailing slash.
    /// </summary>
    public Uri AuthUrl { get; init; } = new("https://auth.upsun.com/");

    /// <summary>
    /// How many URLs to read (ranked by impact), from 1 to 300. Default 10. Up to 100 come from the overview, each with
    /// its own curve; above that the URL breakdown adds the rest, whose curves follow the traffic the first 100 do not
    /// explain.
    /// </summary>
    public int TopUrlsCount { get; init; } = 10;

    /// <summary>The application service whose CPU and memory are production's figures. Default <c>app</c>.</summary>
    public string Service { get; init; } = "app";

    /// <summary>How many times a 429 or 5xx answer, or a timeout, is retried. Default 4.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry's wait when the API gives no Retry-After, doubled each time. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries, Retry-After included. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one call may take (<c>traffic.upsun.requestTimeout</c>). Default 60 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long one request may take with all its retries and the waits between them (<c>traffic.upsun.deadline</c>);
    /// no retry starts that would end after it. Default 5 minutes.
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(5);

    // The generated ToString would print the token: it shows only whether one is set.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ApiToken = ").Append(ApiToken is { Length: > 0 } ? SecretRedactor.Mask : "(not set)")
            .Append(", ProjectId = ").Append(ProjectId)
            .Append(", EnvironmentId = ").Append(EnvironmentId)
            .Append(", ApiUrl = ").Append(ApiUrl)
            .Append(", AuthUrl = ").Append(AuthUrl)
            .Append(", TopUrlsCount = ").Append(TopUrlsCount)
            .Append(", Service = ").Append(Service)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", RetryDelay = ").Append(RetryDelay)
            .Append(", MaxRetryDelay = ").Append(MaxRetryDelay)
            .Append(", Timeout = ").Append(Timeout)
            .Append(", Deadline = ").Append(Deadline);
        return true;
    }

    internal string? ResolveToken() => ApiToken is { Length: > 0 } token ? token : Environment.GetEnvironmentVariable(ApiTokenVariable);
}
