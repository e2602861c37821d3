namespace Replay.Testing.Environments.Databases;

/// <summary>A scrub step that ran on a clone, and the rows it changed.</summary>
/// <param name="Description">The SQL or the step's description.</param>
/// <param name="RowsChanged">Rows changed, or -1 when not known.</param>
public sealed record ScrubRecord(string Description, long RowsChanged);
