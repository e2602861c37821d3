namespace Replay.Testing.Configuration;

/// <summary>A replay ready to run, or the reason it is skipped.</summary>
internal sealed record ReplaySetupResult(ReplayRequest? Request, string? SkipReason, string ResultsDirectory);
