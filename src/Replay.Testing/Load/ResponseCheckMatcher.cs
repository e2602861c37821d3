using System.Text;
using System.Text.Json;
using Replay.Testing.Plans;

namespace Replay.Testing.Load;

/// <summary>
/// One endpoint's <see cref="ResponseCheck"/>, prepared for the transports: judged on the status, the Content-Type
/// header and the kept body as byte spans, with nothing allocated for a response that passes.
/// </summary>
internal sealed class ResponseCheckMatcher
{
    /// <summary>How much of a body is kept for a check that reads it.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly int _endpoint;
    private readonly string _endpointKey;
    private readonly ResponseCheck _check;
    private readonly ResponseCheckExamples? _examples;
    private readonly bool[]? _statuses;
    private readonly byte[]? _contentType;
    private readonly byte[]? _bodyContains;
    private readonly byte[][]? _pointer;

    public ResponseCheckMatcher(int endpoint, string endpointKey, ResponseCheck check, ResponseCheckExamples? examples)
    {
        _endpoint = endpoint;
        _endpointKey = endpointKey;
        _check = check;
        _examples = examples;
        if (check.Statuses.Count > 0)
        {
            _statuses = new bool[600];
            foreach (int status in check.Statuses)
            {
                _statuses[Math.Clamp(status, 0, 599)] = true;
            }
        }

        _contentType = check.ContentType is { } type ? Encoding.ASCII.GetBytes(type.Trim()) : null;
        _bodyContains = check.BodyContains is { } text ? Encoding.UTF8.GetBytes(text) : null;
        _pointer = check.JsonPointer is { } pointer ? JsonPointerTokens(pointer)?.Select(Encoding.UTF8.GetBytes).ToArray() : null;
    }

    private enum Part { None, Status, ContentType, BodyContains, JsonPointer }

    private enum PointerOutcome { Resolved, Missing, NotJson, Cut }

    /// <summary>Whether the body must be kept (up to <see cref="MaxBodyBytes"/>) for this check.</summary>
    public bool ReadsBody => _bodyContains is not null || _pointer is not null;

    /// <summary>
    /// The checks for a plan's endpoints, by endpoint index (null where an endpoint has none); null when no endpoint has one.
    /// </summary>
    /// <exception cref="ReplayConfigurationException">A key names no endpoint of the plan.</exception>
    public static ResponseCheckMatcher?[]? ForPlan(ReplayPlan plan, IReadOnlyDictionary<string, ResponseCheck> checks, ResponseCheckExamples examples)
    {
        if (checks.Count == 0)
        {
            return null;
        }

        ThrowOnUnknownEndpoints(plan, checks);
        var keys = plan.Endpoints.Select(e => e.Key).ToList();
        return keys.Select((key, i) => checks.TryGetValue(key, out var check) ? new ResponseCheckMatcher(i, key, check, examples) : null).ToArray();
    }

    /// <summary>Fails when a check's key names no endpoint of the plan: a check that never runs would pass silently.</summary>
    /// <exception cref="ReplayConfigurationException">A key names no endpoint of the plan.</exception>
    public static void ThrowOnUnknownEndpoints(ReplayPlan plan, IReadOnlyDictionary<string, ResponseCheck> checks)
    {
        var keys = plan.Endpoints.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = checks.Keys.Where(k => !keys.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            string known = string.Join(", ", plan.Endpoints.Select(e => $"\"{e.Key}\""));
            throw new ReplayConfigurationException(unknown.Select(k =>
                $"\"load.responseChecks\" has the key \"{k}\", which names no endpoint of the plan; use one of: {known}.").ToList());
        }
    }

    /// <summary>
    /// The tokens of an RFC 6901 JSON pointer (<c>~1</c> and <c>~0</c> decoded); null when it is malformed.
    /// </summary>
    public static string[]? JsonPointerTokens(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            return null;
        }

        var tokens = pointer[1..].Split('/');
        for (int i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            for (int c = token.IndexOf('~'); c >= 0; c = token.IndexOf('~', c + 1))
            {
                if (c + 1 >= token.Length || token[c + 1] is not ('0' or '1'))
                {
                    return null;
                }
            }

            tokens[i] = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return tokens;
    }

    /// <summary>
    /// Whether the response passes. A failure is offered as an example while the endpoint has fewer than five.
    /// </summary>
    /// <param name="status">The status code.</param>
    /// <param name="contentType">The Content-Type header's value; empty when there was none.</param>
    /// <param name="body">The kept body (empty unless <see cref="ReadsBody"/>).</param>
    /// <param name="truncated">Whether the body was longer than what was kept.</param>
    public bool Passes(int status, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> body, bool truncated)
    {
        var failed = FailedPart(status, contentType, body, truncated, out var pointer);
        if (failed == Part.None)
        {
            return true;
        }

        if (_examples is not null && _examples.TryClaim(_endpoint))
        {
            _examples.Add(_endpoint, Example(failed, pointer, status, contentType, body, truncated));
        }

        return false;
    }

    /// <summary>
    /// Reads an HttpClient response to its end, keeping its first <see cref="MaxBodyBytes"/> when the check reads the
    /// body, and judges it as <see cref="Passes"/> does.
    /// </summary>
    public async Task<bool> PassesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        byte[] type = response.Content.Headers.TryGetValues("Content-Type", out var values) ? Encoding.ASCII.GetBytes(string.Join(", ", values)) : [];
        if (!ReadsBody)
        {
            await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            return Passes(status, type, default, truncated: false);
        }

        // One byte past the limit tells a body exactly as long as the limit from a longer one.
        byte[] body = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int kept = await stream.ReadAtLeastAsync(body.AsMemory(0, MaxBodyBytes), MaxBodyBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                bool truncated = false;
                if (kept == MaxBodyBytes)
                {
                    truncated = await stream.ReadAsync(body.AsMemory(MaxBodyBytes, 1), cancellationToken).ConfigureAwait(false) > 0;
                    await stream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                }

                return Passes(status, type, body.AsSpan(0, kept), truncated);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(body);
        }
    }

    private Part FailedPart(int status, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> body, bool truncated, out PointerOutcome pointer)
    {
        pointer = PointerOutcome.Resolved;
        if (_statuses is not null && (status is < 0 or >= 600 || !_statuses[status]))
        {
            return Part.Status;
        }

        if (_contentType is not null && !(contentType.Length >= _contentType.Length && System.Text.Ascii.EqualsIgnoreCase(contentType[.._contentType.Length], _contentType)))
        {
            return Part.ContentType;
        }

        if (_bodyContains is not null && body.IndexOf(_bodyContains) < 0)
        {
            return Part.BodyContains;
        }

        if (_pointer is not null && (pointer = Resolve(body, _pointer, final: !truncated, out _)) != PointerOutcome.Resolved)
        {
            return Part.JsonPointer;
        }

        return Part.None;
    }

    private ResponseCheckExample Example(Part failed, PointerOutcome pointer, int status, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> body, bool truncated)
    {
        string? type = contentType.IsEmpty ? null : Encoding.ASCII.GetString(contentType);
        string kept = truncated ? $" in its first {MaxBodyBytes / 1024} KiB (the body was truncated)" : "";
        var (check, reason) = failed switch
        {
            Part.Status => ("status", $"status {status} is not one of {string.Join(", ", _check.Statuses)}"),
            Part.ContentType => ("contentType", type is null
                ? $"no Content-Type header; expected {_check.ContentType}"
                : $"Content-Type \"{type}\" is not {_check.ContentType}"),
            Part.BodyContains => ("bodyContains", $"the body does not contain \"{ResponseBodyRedaction.Redact(_check.BodyContains!)}\"{kept}"),
            _ => ("jsonPointer", pointer switch
            {
                PointerOutcome.NotJson => $"the body is not JSON ({NotJsonReason(body, truncated)})",
                PointerOutcome.Cut => $"the pointer \"{_check.JsonPointer}\" does not resolve{kept}",
                _ => $"the pointer \"{_check.JsonPointer}\" does not resolve",
            }),
        };
        return new ResponseCheckExample
        {
            Endpoint = _endpointKey,
            Status = status,
            ContentType = type,
            Check = check,
            Reason = reason,
            Body = ResponseBodyRedaction.Example(body),
            Truncated = truncated,
        };
    }

    private string NotJsonReason(ReadOnlySpan<byte> body, bool truncated)
    {
        Resolve(body, _pointer!, final: !truncated, out string? error);
        return error ?? "empty";
    }

    // Walks the body token by token to the pointed value, without building a document; the rest of a whole body is
    // read too, so a body that breaks off after the value is still not JSON. A cut body resolves what it holds.
    private static PointerOutcome Resolve(ReadOnlySpan<byte> body, byte[][] pointer, bool final, out string? error)
    {
        error = null;
        var reader = new Utf8JsonReader(body, isFinalBlock: final, state: default);
        try
        {
            if (!reader.Read())
            {
                error = body.IsEmpty ? "the body is empty" : null;
                return final ? PointerOutcome.NotJson : PointerOutcome.Cut;
            }

            foreach (var token in pointer)
            {
                var step = Step(ref reader, token);
                if (step != PointerOutcome.Resolved)
                {
                    return step;
                }
            }

            if (final)
            {
                while (reader.Read())
                {
                }
            }

            return PointerOutcome.Resolved;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return PointerOutcome.NotJson;
        }
    }

    private static PointerOutcome Step(ref Utf8JsonReader reader, byte[] token)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (true)
            {
                if (!reader.Read())
                {
                    return PointerOutcome.Cut;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return PointerOutcome.Missing;
                }

                if (reader.ValueTextEquals(token))
                {
                    return reader.Read() ? PointerOutcome.Resolved : PointerOutcome.Cut;
                }

                if (!reader.TrySkip())
                {
                    return PointerOutcome.Cut;
                }
            }
        }

        if (reader.TokenType == JsonTokenType.StartArray && ArrayIndex(token) is int index and >= 0)
        {
            for (int i = 0; ; i++)
            {
                if (!reader.Read())
                {
                    return PointerOutcome.Cut;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return PointerOutcome.Missing;
                }

                if (i == index)
                {
                    return PointerOutcome.Resolved;
                }

                if (!reader.TrySkip())
                {
                    return PointerOutcome.Cut;
                }
            }
        }

        return PointerOutcome.Missing;
    }

    // RFC 6901: digits without a leading zero; "-" (past the end) never resolves.
    private static int ArrayIndex(byte[] token)
    {
        if (token.Length is 0 or > 9 || (token[0] == (byte)'0' && token.Length > 1))
        {
            return -1;
        }

        int index = 0;
        foreach (byte b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            index = (index * 10) + (b - '0');
        }

        return index;
    }
}
