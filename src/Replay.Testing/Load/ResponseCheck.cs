namespace Replay.Testing.Load;

/// <summary>
/// What every response of one endpoint must look like, beyond "it answered" (<see cref="LoadEngineOptions.ResponseChecks"/>,
/// configuration key <c>load.responseChecks</c>). A response that fails any part is an error of the kind <c>check</c>:
/// a fast 200 with a login page or an empty list is not a pass. Parts left unset are not checked.
/// </summary>
public sealed record ResponseCheck
{
    /// <summary>The status codes expected, such as <c>[200]</c>; empty (the default) accepts any. Codes from 100 to 599.</summary>
    public IReadOnlyList<int> Statuses { get; init; } = [];

    /// <summary>
    /// The media type the Content-Type header must start with, ignoring case: <c>application/json</c> accepts
    /// <c>application/json; charset=utf-8</c>. Null (the default) accepts any, or none.
    /// </summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Text the body must contain, compared byte for byte in UTF-8 (ordinal, case-sensitive). Null (the default)
    /// checks nothing. Only the body's first 64 KiB are kept and searched.
    /// </summary>
    public string? BodyContains { get; init; }

    /// <summary>
    /// A JSON pointer (RFC 6901, such as <c>/items/0/id</c>) that must resolve in the body, which must then be JSON.
    /// An empty string points at the whole document. Null (the default) checks nothing. Only the body's first 64 KiB
    /// are kept: a pointer past them does not resolve.
    /// </summary>
    public string? JsonPointer { get; init; }

    /// <summary>Whether a part of the check looks at the body (<see cref="BodyContains"/> or <see cref="JsonPointer"/>), which is then kept.</summary>
    public bool ReadsBody => BodyContains is not null || JsonPointer is not null;
}
