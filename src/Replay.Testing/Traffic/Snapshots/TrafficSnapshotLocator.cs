namespace Replay.Testing.Traffic.Snapshots;

/// <summary>Finds the snapshot of an incident window among the folders a test may keep it in.</summary>
internal static class TrafficSnapshotLocator
{
    /// <summary>The first snapshot for the window in the first folder that has one, or null.</summary>
    public static string? Find(IEnumerable<string> directories, IncidentWindow window)
    {
        string pattern = window.ToFileStem() + ".*" + TrafficSnapshotFile.Suffix;
        foreach (string directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            string? match = Directory.EnumerateFiles(directory, pattern)
                .Where(f => !f.Contains(".received.", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }
}
