namespace Replay.Testing;

/// <summary>
/// A replay is set up wrongly: an option, a configuration key, or an input that cannot work. The message names each
/// bad input and how to fix it.
/// </summary>
public sealed class ReplayConfigurationException : Exception
{
    /// <summary>Creates the exception from one or more problems.</summary>
    public ReplayConfigurationException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Creates the exception from one problem.</summary>
    public ReplayConfigurationException(string problem) : this([problem]) { }

    /// <summary>Each problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) => problems.Count == 1
        ? problems[0]
        : "The replay is misconfigured:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}
