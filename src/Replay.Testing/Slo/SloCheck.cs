namespace Replay.Testing;

/// <summary>One row of a verdict: a limit, what was measured, and whether it held.</summary>
/// <param name="Scope">What was measured: <see cref="AllEndpoints"/> or an endpoint key.</param>
/// <param name="Metric">The metric, such as "p95 response time".</param>
/// <param name="Limit">The limit as text, such as "&lt;= 300 ms".</param>
/// <param name="Measured">The measured value as text.</param>
/// <param name="Passed">Whether the limit held.</param>
/// <param name="LimitValue">The limit as a number (milliseconds, or a ratio from 0 to 1, or a count).</param>
/// <param name="MeasuredValue">The measured value in the same unit.</param>
public sealed record SloCheck(string Scope, string Metric, string Limit, string Measured, bool Passed, double LimitValue, double MeasuredValue)
{
    /// <summary>The scope of a check over the whole replay.</summary>
    public const string AllEndpoints = "all";
}
