namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>NCSA common and combined lines, converting each distinct timestamp once (consecutive lines share it).</summary>
internal sealed class NcsaLineReader : IAccessLogLineReader
{
    private readonly byte[] _lastTimestamp = new byte[26];
    private long _lastSeconds = long.MinValue;

    public long ResponseBytes { get; private set; } = -1;

    public long RequestBytes => -1;   // neither common nor combined logs it

    public double RequestSeconds => -1;

    public bool TryRead(ReadOnlySpan<byte> line, out long unixSeconds, out ReadOnlySpan<byte> method, out ReadOnlySpan<byte> target, out int status)
    {
        unixSeconds = 0;
        if (!AccessLogLineParser.TryParse(line, out var timestamp, out method, out target, out status, out long bodyBytes))
        {
            return false;
        }

        ResponseBytes = bodyBytes;

        if (_lastSeconds != long.MinValue && timestamp.SequenceEqual(_lastTimestamp))
        {
            unixSeconds = _lastSeconds;
            return true;
        }

        if (!AccessLogLineParser.TryParseTimestamp(timestamp, out unixSeconds))
        {
            return false;
        }

        timestamp.CopyTo(_lastTimestamp);
        _lastSeconds = unixSeconds;
        return true;
    }
}
