namespace Replay.Testing.Load;

/// <summary>One response that failed its endpoint's <see cref="ResponseCheck"/>, as the report shows it: secrets in its body masked.</summary>
public sealed record ResponseCheckExample
{
    /// <summary>The endpoint key, <c>"GET /products/{id}"</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The response's status code.</summary>
    public int Status { get; init; }

    /// <summary>The response's Content-Type header, or null when it had none.</summary>
    public string? ContentType { get; init; }

    /// <summary>The part of the check that failed: <c>status</c>, <c>contentType</c>, <c>bodyContains</c> or <c>jsonPointer</c>.</summary>
    public required string Check { get; init; }

    /// <summary>Why it failed, in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>
    /// The body's first characters (about 160), with the values of fields and headers named like secrets
    /// (token, secret, password, key, session, email, auth), e-mail addresses and long digit or hex runs masked as <c>***</c>.
    /// Empty when the body was not kept (no part of the check reads it) or was empty.
    /// </summary>
    public string Body { get; init; } = "";

    /// <summary>Whether the body was longer than what was kept (64 KiB) and was checked on its beginning only.</summary>
    public bool Truncated { get; init; }
}
