using Xunit;

namespace Replay.Testing;

/// <summary>The xUnit v3 side of a replay: writes to the current test's output.</summary>
internal sealed class XunitReplayContext : IReplayContext
{
    public string ResultsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "replay-results");

    public void WriteLine(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);
}
