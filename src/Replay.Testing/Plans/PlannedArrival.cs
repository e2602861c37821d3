namespace Replay.Testing.Plans;

/// <summary>One request of the schedule: when to send it and what.</summary>
/// <param name="Offset">The intended send time, from the start of the replay.</param>
/// <param name="EndpointIndex">The endpoint, by index in <see cref="ReplayPlan.Endpoints"/>.</param>
/// <param name="BucketIndex">The bucket it belongs to.</param>
/// <param name="Target">The path and query to request, with template values filled in.</param>
public readonly record struct PlannedArrival(TimeSpan Offset, int EndpointIndex, int BucketIndex, string Target);
