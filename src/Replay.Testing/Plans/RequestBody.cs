namespace Replay.Testing.Plans;

/// <summary>A request body to send with an endpoint's requests.</summary>
/// <param name="Content">The body text.</param>
/// <param name="ContentType">Its media type. Default <c>application/json</c>.</param>
public sealed record RequestBody(string Content, string ContentType = "application/json");
