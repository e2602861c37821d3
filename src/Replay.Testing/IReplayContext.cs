namespace Replay.Testing;

/// <summary>What a test framework gives a replay: a place to write what the user sees, and a results folder.</summary>
public interface IReplayContext
{
    /// <summary>The folder the reports go to.</summary>
    string ResultsDirectory { get; }

    /// <summary>Writes a line to the test's output, the one the user sees under <c>dotnet test</c> and in the IDE.</summary>
    void WriteLine(string message);
}
