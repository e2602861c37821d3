using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Replay.Testing.Secrets;

namespace Replay.Testing.Traffic.Upsun;

/// <summary>
/// Calls Upsun's API with a bearer token exchanged from the API token (re-exchanged a minute before it expires, or
/// once when refused), retrying 429 and 5xx answers and timeouts with backoff and Retry-After, and turning every
/// other failure into a message that names the cause and the fix. Neither the API token nor an access token ever
/// appears in a message: both go to the run's <see cref="SecretRedactor"/>, and every message passes through it.
/// </summary>
internal sealed class UpsunApiClient : IDisposable
{
    private readonly UpsunOptions _options;
    private readonly Uri _apiBase, _authBase;
    private readonly string _apiToken;
    private readonly HttpClient _http;
    private readonly SecretRedactor _secrets = SecretRedactor.CurrentOrNew();
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public UpsunApiClient(UpsunOptions options, string apiToken, HttpMessageHandler? handler = null)
    {
        _options = options;
        _apiBase = AsBase(options.ApiUrl);
        _authBase = AsBase(options.AuthUrl);
        _apiToken = apiToken;
        _secrets.Add(apiToken);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;   // per call, below, so a timeout can be told from a cancellation
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokenGate.Dispose();
    }

    /// <summary>GETs a path of the API and returns the body of a 2xx answer.</summary>
    public Task<string> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken);

    /// <summary>Calls the API with an optional JSON body and returns the body of a 2xx answer.</summary>
    public async Task<string> SendAsync(HttpMethod method, string pathAndQuery, object? jsonBody, CancellationToken cancellationToken)
    {
        bool reauthenticated = false;
        var started = System.Diagnostics.Stopwatch.StartNew();
        int calls = 0;
        for (int attempt = 0; ; attempt++)
        {
            calls++;
            string token = await AccessTokenAsync(forceNew: false, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, Endpoint(pathAndQuery));
            if (jsonBody is not null)
            {
                request.Content = System.Net.Http.Json.JsonContent.Create(jsonBody);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await TransmitAsync(request, started.Elapsed, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (CanRetry(attempt, started.Elapsed, null))
            {
                await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (TimeoutException)
            {
                throw Redacted(
                    $"Upsun did not answer {method} {Endpoint(pathAndQuery).GetLeftPart(UriPartial.Path)} for project {_options.ProjectId}, environment {_options.EnvironmentId}: " +
                    $"{Calls(calls)} in {started.Elapsed.TotalSeconds:0.#} s, each given {_options.Timeout.TotalSeconds:0.###} s (traffic.upsun.requestTimeout), within a deadline of " +
                    $"{_options.Deadline.TotalSeconds:0.###} s (traffic.upsun.deadline). Try again later, raise them, or use a committed snapshot.");
            }

            using (response)
            {
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }

                if (status == 401 && !reauthenticated)
                {
                    reauthenticated = true;
                    await AccessTokenAsync(forceNew: true, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if ((status == 429 || status >= 500) && await WaitBeforeRetryAsync(attempt, started.Elapsed, response.Headers.RetryAfter, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                throw Failure(status, body, $"{method} {Endpoint(pathAndQuery).GetLeftPart(UriPartial.Path)}", calls);
            }
        }
    }

    // Says which endpoint failed and how many calls were made: only 429 and 5xx answers are retried, so a 404 after
    // one call must not read "after 4 retries". Upsun's own words (title, detail, message) are kept.
    private Exception Failure(int status, string body, string endpoint, int calls)
    {
        string where = $"project {_options.ProjectId}, environment {_options.EnvironmentId}";
        string made = calls == 1 ? "1 call" : $"{calls} calls";
        Exception failure = status switch
        {
            400 => new TrafficSourceException($"Upsun rejected {endpoint} for {where} (400{Title(body)}): {Violations(body).TrimEnd('.')}."),
            401 => new TrafficSourceException(
                $"Upsun refused the access token for {endpoint}, {where} (401, {made}, the last after a new exchange){UpsunSays(body)}. Check that the API token in {UpsunOptions.ApiTokenVariable} is current."),
            403 => new TrafficSourceException(
                $"Upsun denied access to {where} (403){UpsunSays(body)} on {endpoint}: the API token's user has no access to it, or the project or environment does not exist. " +
                "Check upsun.projectId and upsun.environmentId, and the user's role on the project."),
            404 => new TrafficSourceException(
                $"Upsun found no {endpoint} for {where} (404, {made}){UpsunSays(body)}. Check upsun.projectId, upsun.environmentId and upsun.apiUrl."),
            499 => new UpsunTooMuchDataException(_secrets.Redact($"Upsun answered 499 (too much data) to {endpoint}{UpsunSays(body)}.")),
            429 => new TrafficSourceException($"Upsun kept rate-limiting {endpoint} for {where} (429, {made}){UpsunSays(body)}. Try again later, or use a committed snapshot."),
            >= 500 => new TrafficSourceException($"Upsun answered {status} to {endpoint} for {where} ({made}){Excerpt(body)}. Try again later, or use a committed snapshot."),
            _ => new TrafficSourceException($"Upsun answered {status} to {endpoint} for {where} ({made}, not retried){Excerpt(body)}."),
        };

        // An error body may quote the request (some gateways echo it), the bearer token included.
        return failure is UpsunTooMuchDataException ? failure : Redacted(failure.Message);
    }

    private TrafficSourceException Redacted(string message, Exception? inner = null) =>
        inner is null ? new(_secrets.Redact(message)) : new(_secrets.Redact(message), inner);

    private static string Calls(int calls) => calls == 1 ? "1 call" : $"{calls} calls";

    // Retries while the budget lasts: attempts left, and the backoff ending before the deadline.
    private bool CanRetry(int attempt, TimeSpan elapsed, RetryConditionHeaderValue? retryAfter) =>
        attempt < _options.MaxRetries && elapsed + Backoff(attempt, retryAfter) < _options.Deadline;

    private async Task<bool> WaitBeforeRetryAsync(int attempt, TimeSpan elapsed, RetryConditionHeaderValue? retryAfter, CancellationToken cancellationToken)
    {
        if (!CanRetry(attempt, elapsed, retryAfter))
        {
            return false;
        }

        await Task.Delay(Backoff(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Upsun's own explanation, from its JSON error body (or the body itself when it is short text).
    private string UpsunSays(string body)
    {
        string? said = Field(body, "detail") ?? Field(body, "message") ?? Field(body, "title") ?? Field(body, "error");
        if (said is null && body.Length > 0 && !body.TrimStart().StartsWith('{'))
        {
            said = body;
        }

        return string.IsNullOrWhiteSpace(said) ? "" : $": \"{(said.Length > 200 ? said[..200] + "…" : said).Trim()}\"";
    }

    private async Task<HttpResponseMessage> TransmitAsync(HttpRequestMessage request, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        TimeSpan left = _options.Deadline - elapsed;
        timeout.CancelAfter(left < _options.Timeout ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : _options.Timeout);
        try
        {
            return await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
        catch (HttpRequestException e)
        {
            throw Redacted($"Upsun at {request.RequestUri!.GetLeftPart(UriPartial.Authority)} could not be reached ({e.Message}). Check upsun.apiUrl and upsun.authUrl, and the network.", e);
        }
    }

    private async Task<string> AccessTokenAsync(bool forceNew, CancellationToken cancellationToken)
    {
        await _tokenGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!forceNew && _accessToken is not null && DateTimeOffset.UtcNow < _expiresAt)
            {
                return _accessToken;
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            for (int attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_authBase, "oauth2/token"))
                {
                    Content = new FormUrlEncodedContent([new("grant_type", "api_token"), new("api_token", _apiToken)]),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("platform-api-user:")));
                HttpResponseMessage response;
                try
                {
                    response = await TransmitAsync(request, started.Elapsed, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException) when (CanRetry(attempt, started.Elapsed, null))
                {
                    await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (TimeoutException)
                {
                    throw Redacted(
                        $"Upsun's token endpoint {new Uri(_authBase, "oauth2/token")} did not answer: {Calls(attempt + 1)} in {started.Elapsed.TotalSeconds:0.#} s, each given " +
                        $"{_options.Timeout.TotalSeconds:0.###} s (traffic.upsun.requestTimeout), within a deadline of {_options.Deadline.TotalSeconds:0.###} s (traffic.upsun.deadline). " +
                        "Check upsun.authUrl and the network, or try again later.");
                }

                using (response)
                {
                    string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    if (((int)response.StatusCode == 429 || (int)response.StatusCode >= 500) &&
                        await WaitBeforeRetryAsync(attempt, started.Elapsed, response.Headers.RetryAfter, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        string reason = Field(body, "error") ?? $"{(int)response.StatusCode}";
                        throw Redacted(
                            $"Upsun did not accept the API token ({reason}). Create one in the Upsun console (My profile, API tokens) and set {UpsunOptions.ApiTokenVariable}.");
                    }

                    string? token = Field(body, "access_token");
                    if (token is null)
                    {
                        throw new TrafficSourceException($"Upsun's token endpoint {new Uri(_authBase, "oauth2/token")} answered without an access_token. Check upsun.authUrl.");
                    }

                    int expiresIn = int.TryParse(Field(body, "expires_in"), out int seconds) ? seconds : 900;
                    _secrets.Add(token);
                    _accessToken = token;
                    _expiresAt = DateTimeOffset.UtcNow.AddSeconds(Math.Max(0, expiresIn - 60));   // renewed a minute early
                    return token;
                }
            }
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    // Relative resolution replaces a base's last segment unless it ends in a slash: https://proxy.example/upsun
    // would lose "upsun" and call the proxy's root. A base is a folder, so it gets its slash.
    internal static Uri AsBase(Uri url) =>
        url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;

    private Uri Endpoint(string pathAndQuery) => new(_apiBase, pathAndQuery.TrimStart('/'));

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        TimeSpan wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : _options.RetryDelay * (1 << attempt));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait;
    }

    private string Excerpt(string body) => body.Length == 0 ? "" : $": {_secrets.Redact(body.Length > 200 ? body[..200] + "…" : body)}";

    private static string Title(string body) => Field(body, "title") is { } title ? " " + title : "";

    private string Violations(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Object)
            {
                return string.Join("; ", violations.EnumerateObject().Select(v =>
                    $"{v.Name}: {string.Join(" ", v.Value.ValueKind == JsonValueKind.Array ? v.Value.EnumerateArray().Select(m => m.ToString()) : [v.Value.ToString()])}"));
            }
        }
        catch (JsonException)
        {
            // not the documented body; show it as it came
        }

        return body;
    }

    private static string? Field(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
