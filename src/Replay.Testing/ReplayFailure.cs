namespace Replay.Testing;

/// <summary>A stage of the pipeline that failed before a verdict could be reached.</summary>
/// <param name="Stage">The stage: <c>traffic</c>, <c>environment</c>, <c>plan</c>, <c>load</c>.</param>
/// <param name="ExceptionType">The exception's type name.</param>
/// <param name="Message">The exception's message.</param>
public sealed record ReplayFailure(string Stage, string ExceptionType, string Message);
