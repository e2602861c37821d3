using Replay.Testing.Load;

namespace Replay.Reporting;

/// <summary>The words both the Markdown and the PDF use for the response checks (<see cref="LoadEngineOptions.ResponseChecks"/>).</summary>
internal static class ResponseCheckText
{
    /// <summary>Whether the replay has anything to say about response checks: some were configured, or some failed.</summary>
    public static bool HasChecks(ReplayResult result) => result.CheckedResponses > 0 || result.CheckFailures > 0;

    /// <summary>One sentence: how many checked responses failed.</summary>
    public static string Sentence(ReplayResult result) => result.CheckFailures == 0
        ? $"Every one of the {ReportText.Count(result.CheckedResponses)} checked responses passed its endpoint's check."
        : $"{ReportText.Count(result.CheckFailures)} of {ReportText.Count(result.CheckedResponses)} checked responses " +
          $"({ReportText.Percent((double)result.CheckFailures / Math.Max(1, result.CheckedResponses))}) failed their endpoint's check; " +
          "each counts as an error. Examples, with secrets masked:";

    /// <summary>The part that failed and why, with "(truncated)" when the body was longer than what was kept.</summary>
    public static string Why(ResponseCheckExample example) => $"{example.Check}: {example.Reason}";

    /// <summary>The redacted body shown for an example.</summary>
    public static string Body(ResponseCheckExample example) =>
        (example.Body.Length == 0 ? "(no body kept)" : example.Body) + (example.Truncated ? " (truncated)" : "");
}
