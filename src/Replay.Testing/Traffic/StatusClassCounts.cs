namespace Replay.Testing.Traffic;

/// <summary>Responses by status class.</summary>
public sealed record StatusClassCounts(long Informational, long Success, long Redirection, long ClientError, long ServerError, long Unknown = 0)
{
    /// <summary>All responses counted.</summary>
    public long Total => Informational + Success + Redirection + ClientError + ServerError + Unknown;

    /// <summary>Adds two counts.</summary>
    public static StatusClassCounts operator +(StatusClassCounts a, StatusClassCounts b) => new(
        a.Informational + b.Informational, a.Success + b.Success, a.Redirection + b.Redirection,
        a.ClientError + b.ClientError, a.ServerError + b.ServerError, a.Unknown + b.Unknown);
}
