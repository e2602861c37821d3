namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>The line format of an access log.</summary>
public enum AccessLogFormat
{
    /// <summary>NCSA common or combined, nginx's and Apache's default.</summary>
    Ncsa,

    /// <summary>One JSON object per line, with the field names of <see cref="AccessLogOptions.JsonFields"/>.</summary>
    JsonLines,
}
