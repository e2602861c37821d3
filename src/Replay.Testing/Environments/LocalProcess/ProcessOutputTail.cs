namespace Replay.Testing.Environments.LocalProcess;

/// <summary>Keeps the last lines a process wrote, so a start-up failure can show them.</summary>
internal sealed class ProcessOutputTail(int capacity = 200)
{
    private readonly Queue<string> _lines = new();
    private readonly object _gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    public string Last(int count)
    {
        var lines = Snapshot();
        return lines.Count == 0
            ? "  (the process wrote nothing)"
            : string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - count)).Select(l => "  | " + l));
    }
}
