namespace Replay.Testing;

/// <summary>One row of a verdict: a limit, what was measured, and whether it held.</summary>
/// <param name="Scope">What was measured: <see cref="AllEndpoints"/> or an endpoint key.</param>
/// <param name="Metric">The metric, such as "p95 response time".</param>
/// <param name="Limit">The limit as text, such as "&lt;= 300 ms".</param>
/// <param name="Measured">The measured value as text.</param>
/// <param name="Passed">Whether the limit held (true for a check that is not <see cref="Available"/>).</param>
/// <param name="LimitValue">The limit as a number (milliseconds, or a ratio from 0 to 1, or a count).</param>
/// <param name="MeasuredValue">The measured value in the same unit.</param>
public sealed record SloCheck(string Scope, string Metric, string Limit, string Measured, bool Passed, double LimitValue, double MeasuredValue)
{
    /// <summary>The scope of a check over the whole replay.</summary>
    public const string AllEndpoints = "all";

    /// <summary>The scope of a check of the load generator.</summary>
    public const string LoadGenerator = "generator";

    /// <summary>Whether the row checks the target or the load generator. Default <see cref="SloCheckKind.Target"/>.</summary>
    public SloCheckKind Kind { get; init; }

    /// <summary>
    /// False when the check could not be made because its data does not exist (a traffic source without status
    /// classes): the row says so ("n/a") instead of passing silently, and does not decide the verdict.
    /// </summary>
    public bool Available { get; init; } = true;

    /// <summary>
    /// The phase of the incident the row judges ("burst", "calm", a name from <c>slo.phases</c>), or null for the whole
    /// replay. A phase's rows decide the verdict like the whole replay's: a build that holds on average but falls over
    /// in the burst FAILS.
    /// </summary>
    public string? Phase { get; init; }

    /// <summary>What explains a failure, such as the endpoints and status codes behind a status mix unlike production's; or null.</summary>
    public string? Detail { get; init; }

    /// <summary>"pass", "FAIL" or "n/a", as the verdict table prints it.</summary>
    public string ResultText => !Available ? "n/a" : Passed ? "pass" : "FAIL";

    /// <summary>A check that could not be made, and why.</summary>
    internal static SloCheck NotAvailable(string scope, string metric, string limit, string why) =>
        new(scope, metric, limit, why, true, double.NaN, double.NaN) { Available = false };
}
