using System.Text;
using System.Text.Json;

namespace Replay.Testing.Traffic.AccessLogs;

/// <summary>
/// JSON-lines logs, one object per line, with configurable field names: a time (ISO 8601 with an offset, or Unix
/// seconds as a number), a method, a path or URI and a status (number or string).
/// </summary>
internal sealed class JsonLinesReader(AccessLogJsonFields fields) : IAccessLogLineReader
{
    private readonly byte[] _time = Encoding.UTF8.GetBytes(fields.Time);
    private readonly byte[] _method = Encoding.UTF8.GetBytes(fields.Method);
    private readonly byte[] _path = Encoding.UTF8.GetBytes(fields.Path);
    private readonly byte[] _status = Encoding.UTF8.GetBytes(fields.Status);
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(fields.Bytes);
    private readonly byte[] _requestLength = Encoding.UTF8.GetBytes(fields.RequestLength);

    public long ResponseBytes { get; private set; } = -1;

    public long RequestBytes { get; private set; } = -1;

    public double RequestSeconds { get; private set; } = -1;

    private readonly byte[] _requestTime = Encoding.UTF8.GetBytes(fields.RequestTime);
    private byte[] _methodBuffer = new byte[16];
    private byte[] _pathBuffer = new byte[256];

    public bool TryRead(ReadOnlySpan<byte> line, out long unixSeconds, out ReadOnlySpan<byte> method, out ReadOnlySpan<byte> target, out int status)
    {
        unixSeconds = 0;
        method = target = default;
        status = 0;
        bool hasTime = false, hasMethod = false, hasPath = false, hasStatus = false;
        ResponseBytes = RequestBytes = -1;
        RequestSeconds = -1;
        int methodLength = 0, pathLength = 0;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(_time))
                {
                    reader.Read();
                    hasTime = TryTime(ref reader, out unixSeconds);
                }
                else if (reader.ValueTextEquals(_method))
                {
                    reader.Read();
                    hasMethod = reader.TokenType == JsonTokenType.String && TryCopy(ref reader, ref _methodBuffer, out methodLength);
                }
                else if (reader.ValueTextEquals(_path))
                {
                    reader.Read();
                    hasPath = reader.TokenType == JsonTokenType.String && TryCopy(ref reader, ref _pathBuffer, out pathLength);
                }
                else if (reader.ValueTextEquals(_status))
                {
                    reader.Read();
                    hasStatus = reader.TokenType == JsonTokenType.Number ? reader.TryGetInt32(out status)
                        : reader.TokenType == JsonTokenType.String && int.TryParse(reader.GetString(), out status);
                }
                else if (reader.ValueTextEquals(_bytes))
                {
                    reader.Read();
                    ResponseBytes = Size(ref reader);
                }
                else if (reader.ValueTextEquals(_requestTime))
                {
                    reader.Read();
                    RequestSeconds = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double t) && t >= 0 ? t
                        : reader.TokenType == JsonTokenType.String && double.TryParse(reader.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out t) && t >= 0 ? t
                        : -1;
                }
                else if (reader.ValueTextEquals(_requestLength))
                {
                    reader.Read();
                    RequestBytes = Size(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (!(hasTime && hasMethod && hasPath && hasStatus) || status is < 100 or > 599)
        {
            return false;
        }

        method = _methodBuffer.AsSpan(0, methodLength);
        target = _pathBuffer.AsSpan(0, pathLength);
        int scheme = target.IndexOf("://"u8);
        if (scheme > 0 && target[0] != (byte)'/')
        {
            int slash = target[(scheme + 3)..].IndexOf((byte)'/');
            target = slash >= 0 ? target[(scheme + 3 + slash)..] : "/"u8;
        }

        return target.Length > 0 && target[0] == (byte)'/' && method.Length > 0;
    }

    // nginx's escape=json writes $body_bytes_sent as a number or, quoted in the format, as a string.
    private static long Size(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long n) && n >= 0 ? n
        : reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long s) ? s
        : -1;

    // An ISO 8601 time must carry its offset: without one, the log's time zone would be a guess.
    private static bool TryTime(ref Utf8JsonReader reader, out long unixSeconds)
    {
        unixSeconds = 0;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double seconds))
        {
            unixSeconds = (long)Math.Floor(seconds);
            return true;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        var text = reader.ValueSpan;
        bool hasOffset = text.Length > 19 && (text[^1] == (byte)'Z' || text[^6] is (byte)'+' or (byte)'-');
        if (!hasOffset || !reader.TryGetDateTimeOffset(out var time))
        {
            return false;
        }

        unixSeconds = time.ToUnixTimeSeconds();
        return true;
    }

    private static bool TryCopy(ref Utf8JsonReader reader, ref byte[] buffer, out int length)
    {
        int needed = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (buffer.Length < needed)
        {
            buffer = new byte[Math.Max(needed, buffer.Length * 2)];
        }

        length = reader.CopyString(buffer);
        return true;
    }
}
