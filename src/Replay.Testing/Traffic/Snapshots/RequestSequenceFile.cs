using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Replay.Testing.Traffic.Snapshots;

/// <summary>
/// The gzip text file a snapshot keeps its <see cref="RequestSequence"/> in, beside the JSON: a header line, then one
/// line a request, <c>offset-in-microseconds TAB method TAB target TAB endpoint</c>, in order. Text so that
/// <c>zcat</c> shows what will be sent; the same sequence gives the same bytes.
/// </summary>
internal static class RequestSequenceFile
{
    public const string Header = "# Replay.Testing request sequence 1: offset in microseconds from the window's start, method, target, endpoint";

    public static byte[] Write(RequestSequence sequence)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
        {
            writer.NewLine = "\n";
            writer.WriteLine(Header);
            foreach (var (offset, request) in sequence)
            {
                writer.Write((offset.Ticks / 10).ToString(CultureInfo.InvariantCulture));
                writer.Write('\t');
                writer.Write(request.Method);
                writer.Write('\t');
                writer.Write(Escape(request.Target));
                writer.Write('\t');
                writer.WriteLine(request.EndpointKey);
            }
        }

        return buffer.ToArray();
    }

    public static RequestSequence Read(byte[] bytes, string name)
    {
        var targets = new List<RecordedTarget>();
        var ids = new Dictionary<(string, string, string), int>();
        var offsets = new List<long>();
        var indexes = new List<int>();
        try
        {
            using var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress), Encoding.UTF8);
            if (reader.ReadLine() != Header)
            {
                throw new TrafficSourceException($"The request sequence \"{name}\" does not start with the header of a Replay.Testing request sequence. Refresh the snapshot with REPLAY_REFRESH=1.");
            }

            int number = 1;
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                number++;
                string[] fields = line.Split('\t');
                if (fields.Length != 4 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long micros) ||
                    fields[1].Length == 0 || !fields[2].StartsWith('/'))
                {
                    throw new TrafficSourceException($"Line {number} of the request sequence \"{name}\" is not \"offset TAB method TAB target TAB endpoint\": \"{(line.Length > 200 ? line[..200] : line)}\".");
                }

                var key = (fields[1], fields[2], fields[3]);
                if (!ids.TryGetValue(key, out int id))
                {
                    id = targets.Count;
                    targets.Add(new RecordedTarget(fields[1], fields[2], fields[3]));
                    ids.Add(key, id);
                }

                offsets.Add(micros * 10);
                indexes.Add(id);
            }

            return new RequestSequence(targets, [.. offsets], [.. indexes]);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new TrafficSourceException($"The request sequence \"{name}\" cannot be read ({e.Message}). Refresh the snapshot with REPLAY_REFRESH=1.", e);
        }
    }

    // A target from a log holds no tab or line break, but one that did would break the line format.
    private static string Escape(string target) =>
        target.AsSpan().IndexOfAny('\t', '\n', '\r') < 0 ? target : target.Replace("\t", "%09").Replace("\n", "%0A").Replace("\r", "%0D");
}
