namespace Replay.Testing.Traffic;

/// <summary>One request of a <see cref="RequestSequence"/>.</summary>
/// <param name="Offset">When production received it, from the start of the window.</param>
/// <param name="Request">What was asked.</param>
public readonly record struct RecordedRequest(TimeSpan Offset, RecordedTarget Request);
