namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// Which access logs to read and how. Lines are in the NCSA common or combined format, the default of nginx and
/// Apache: <c>host ident user [10/Mar/2026:12:00:01 +0100] "GET /path?query HTTP/1.1" 200 1234 …</c>.
/// </summary>
public sealed record AccessLogOptions
{
    /// <summary>
    /// The log files: paths, or paths whose file name has <c>*</c> wildcards (<c>/var/log/nginx/access.log*</c>).
    /// Files ending in <c>.gz</c> (rotated logs) are decompressed as they are read.
    /// </summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The line format. Default NCSA (common or combined).</summary>
    public AccessLogFormat Format { get; init; } = AccessLogFormat.Ncsa;

    /// <summary>The field names of a JSON-lines log.</summary>
    public AccessLogJsonFields JsonFields { get; init; } = new();

    /// <summary>
    /// The timeline's step. Default 10 seconds; 1 second follows the real per-second curve, at the cost of a
    /// larger profile and more memory in the replay's per-bucket latency histograms (about 50 KB a bucket: an hour of
    /// one-second buckets takes about 190 MB, of ten-second ones about 19 MB).
    /// </summary>
    public TimeSpan BucketSize { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many endpoints (URL templates) the profile lists, busiest first; the rest are counted in the total only,
    /// which the profile's coverage shows. Default 100.
    /// </summary>
    public int MaxEndpoints { get; init; } = 100;

    /// <summary>
    /// The largest share of lines that may be unparseable before the read fails, from 0 to 1. Default 0.01 (1 %):
    /// more than that usually means the wrong <see cref="Format"/>.
    /// </summary>
    public double MaxSkippedShare { get; init; } = 0.01;

    /// <summary>
    /// How many distinct concrete values a template placeholder keeps as its value pool (config
    /// <c>traffic.accessLogs.maxValuesPerPlaceholder</c>). Default 1,000. A pool that reaches it is said to be capped
    /// in the report, with the true number of distinct values the window held.
    /// </summary>
    public int MaxValuesPerPlaceholder { get; init; } = 1_000;

    /// <summary>
    /// Whether to keep every request of the window, in order, with its query string, for an in-order replay
    /// (<see cref="Plans.RequestOrder.Recorded"/>). Memory then grows with the window's requests (about 24 bytes each
    /// while reading), and the snapshot gets a gzip file of them beside it. Default false.
    /// </summary>
    public bool KeepSequence { get; init; }

    /// <summary>
    /// URL template rules tried in order before the automatic one (numbers, GUIDs, long hex become <c>{id}</c>), for
    /// ids the automatic rule cannot see, such as slugs and SKUs (config <c>traffic.templates</c>). Default none.
    /// </summary>
    public IReadOnlyList<UrlTemplateRule> Templates { get; init; } = [];

    /// <summary>The host names production answers on, so a replay is never aimed at them.</summary>
    public IReadOnlyList<string> ProductionHosts { get; init; } = [];
}
