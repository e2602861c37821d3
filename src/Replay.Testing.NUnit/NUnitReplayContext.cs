using NUnit.Framework;

namespace Replay.Testing;

/// <summary>The NUnit side of a replay: writes to the running test's output, which <c>dotnet test</c> and IDEs show.</summary>
internal sealed class NUnitReplayContext : IReplayContext
{
    public string ResultsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "replay-results");

    public void WriteLine(string message) => TestContext.Out.WriteLine(message);
}
