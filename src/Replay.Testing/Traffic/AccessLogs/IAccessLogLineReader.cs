namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>Reads the fields a replay needs from one log line, without allocating. One instance per reading thread.</summary>
internal interface IAccessLogLineReader
{
    /// <summary>False when the line is not a readable request in this format.</summary>
    /// <param name="line">The line's UTF-8 bytes, without the line break.</param>
    /// <param name="unixSeconds">When the request was served, in Unix seconds (UTC).</param>
    /// <param name="method">The method, upper case.</param>
    /// <param name="target">The path and query string (origin form).</param>
    /// <param name="status">The status code.</param>
    bool TryRead(ReadOnlySpan<byte> line, out long unixSeconds, out ReadOnlySpan<byte> method, out ReadOnlySpan<byte> target, out int status);

    /// <summary>The response body's bytes of the line last read (<c>$body_bytes_sent</c>), or -1 when it does not say.</summary>
    long ResponseBytes { get; }

    /// <summary>The request's bytes of the line last read (<c>$request_length</c>), or -1 when it does not say.</summary>
    long RequestBytes { get; }

    /// <summary>How long production took to serve the line last read (<c>$request_time</c>), in seconds, or -1 when it does not say.</summary>
    double RequestSeconds { get; }
}
