namespace Replay.Testing.Traffic;

/// <summary>A distinct request of a <see cref="RequestSequence"/>: what production was asked, and under which endpoint.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Target">The path and query string, as production received them (<c>/products/42?ref=mail</c>).</param>
/// <param name="EndpointKey">The endpoint it counts under in the profile (<c>GET /products/{id}</c>).</param>
public sealed record RecordedTarget(string Method, string Target, string EndpointKey);
