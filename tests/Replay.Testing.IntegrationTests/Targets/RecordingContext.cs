namespace Replay.Testing.IntegrationTests.Targets;

/// <summary>A replay context that keeps what the replay wrote, and writes reports to a fresh folder.</summary>
internal sealed class RecordingContext : IReplayContext
{
    private readonly List<string> _lines = [];

    public string ResultsDirectory { get; } = TemporaryFolders.NewPath();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void WriteLine(string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }
}
