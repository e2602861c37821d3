namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// The field names of a JSON-lines access log. The defaults suit nginx's
/// <c>log_format json escape=json '{"time":"$time_iso8601","method":"$request_method","uri":"$request_uri","status":$status}'</c>.
/// </summary>
public sealed record AccessLogJsonFields
{
    /// <summary>The time: ISO 8601 with an offset, or Unix seconds as a number. Default <c>time</c>.</summary>
    public string Time { get; init; } = "time";

    /// <summary>The method. Default <c>method</c>.</summary>
    public string Method { get; init; } = "method";

    /// <summary>The path or URI; a query string is dropped. Default <c>uri</c>.</summary>
    public string Path { get; init; } = "uri";

    /// <summary>The status code, a number or a string. Default <c>status</c>.</summary>
    public string Status { get; init; } = "status";

    /// <summary>The response body's size (<c>$body_bytes_sent</c>), a number or a string; optional. Default <c>bytes</c>.</summary>
    public string Bytes { get; init; } = "bytes";

    /// <summary>The request's size (<c>$request_length</c>), a number or a string; optional. Default <c>request_length</c>.</summary>
    public string RequestLength { get; init; } = "request_length";

    /// <summary>
    /// How long the request took, in seconds (<c>$request_time</c>), a number or a string; optional. Default
    /// <c>request_time</c>. Gives each endpoint production's mean response time.
    /// </summary>
    public string RequestTime { get; init; } = "request_time";
}
