using Replay.Testing;

namespace Replay.Reporting.Comparison;

/// <summary>
/// Two replays of the same incident to set side by side: a baseline (the build before the fix) and a candidate
/// (the build after it). "The old build fell over, the new build holds" is the proof a postmortem wants.
/// </summary>
/// <param name="Baseline">The replay of the build before the fix.</param>
/// <param name="Candidate">The replay of the build after the fix.</param>
public sealed record ReplayComparison(ReplayReport Baseline, ReplayReport Candidate)
{
    /// <summary>What the baseline is called in the report. Default "before the fix".</summary>
    public string BaselineLabel { get; init; } = "before the fix";

    /// <summary>What the candidate is called in the report. Default "after the fix".</summary>
    public string CandidateLabel { get; init; } = "after the fix";

    /// <summary>
    /// Whether the comparison proves the fix: the baseline failed its SLOs and the candidate met them. Never when
    /// either side is INCONCLUSIVE: a generator that fell behind proves nothing about the build it measured.
    /// </summary>
    public bool ProvesTheFix => Baseline.Verdict.Outcome == VerdictOutcome.Failed && Baseline.Failure is null && Candidate.Verdict.Passed;

    /// <summary>Whether either replay could not be judged because its load generator fell behind.</summary>
    public bool Inconclusive => Baseline.Verdict.Inconclusive || Candidate.Verdict.Inconclusive;
}
