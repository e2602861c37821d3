namespace Replay.Testing;

/// <summary>One replay to run: which test asks, which window, and with what options.</summary>
/// <param name="TestName">The test: <c>{TestClass}.{TestMethod}</c>; it names the report files.</param>
/// <param name="Window">The incident window.</param>
/// <param name="Options">The options.</param>
public sealed record ReplayRequest(string TestName, IncidentWindow Window, IncidentReplayOptions Options);
