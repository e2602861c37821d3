using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Replay.Testing.Plans;

namespace Replay.Testing.Load;

/// <summary>
/// An open-model load generator: every arrival is sent at its planned time whether or not earlier requests have
/// answered, and latency is measured from that intended time, so a stalled target shows up in the percentiles
/// instead of slowing the schedule down (coordinated omission).
/// </summary>
public sealed partial class LoadEngine
{
    private readonly LoadEngineOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates an engine.</summary>
    /// <exception cref="ReplayConfigurationException">An option is invalid.</exception>
    public LoadEngine(LoadEngineOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new LoadEngineOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Sends the plan's arrivals to a target and measures what comes back.</summary>
    /// <param name="plan">The schedule.</param>
    /// <param name="baseAddress">The target's base URL; arrival paths are appended to it.</param>
    /// <param name="progress">Receives a report about once a second.</param>
    /// <param name="cancellationToken">Stops sending at once; in-flight requests get <see cref="LoadEngineOptions.DrainTimeout"/> to finish.</param>
    /// <returns>The measurements, also when cancelled (then <see cref="ReplayResult.Cancelled"/> is set).</returns>
    public async Task<ReplayResult> RunAsync(ReplayPlan plan, Uri baseAddress, IProgress<LoadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(baseAddress);
        EnsureThreadPoolCanBurst();

        var recorder = new LoadRecorder(plan, _options.ErrorStatuses, _options.ResponseChecks.Keys);
        var checks = ResponseCheckMatcher.ForPlan(plan, _options.ResponseChecks, recorder.CheckExamples);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = _options.MaxConnections,
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            AllowAutoRedirect = _options.FollowRedirects,
            PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(new WriteStampingStream(context.PlaintextStream)),
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        foreach (var (name, value) in _options.Headers)
        {
            if (!client.DefaultRequestHeaders.TryAddWithoutValidation(name, value))
            {
                throw new ReplayConfigurationException($"The header \"{name}\" in LoadEngineOptions.Headers cannot be sent on a request (it belongs to content or is malformed).");
            }
        }
        using var abort = new CancellationTokenSource();
        using var deadlines = new RequestDeadlines(_options.RequestTimeout, abort.Token);

        // Plain-http HTTP/1.1 without redirects takes the lean path: pre-built request bytes, on Linux driven by the
        // engine's own event loop, elsewhere on pooled async sockets. HttpClient carries HTTP/2, TLS and redirects.
        var endpoint = UsesLeanTransport(baseAddress) ? await EndPointAsync(baseAddress, cancellationToken).ConfigureAwait(false) : null;
        using var loop = endpoint is not null && _options.UseEventLoop && Http1.LinuxSocketCalls.IsSupported ? new Http1.Http1EventLoop(endpoint, _options.MaxConnections, _options.RequestTimeout) : null;
        using var pool = endpoint is not null && loop is null ? new Http1.Http1ConnectionPool(endpoint, _options.MaxConnections) : null;
        using var abortLoop = loop is null ? default : abort.Token.Register(loop.Abort);
        var run = new Run(plan, baseAddress, client, pool, loop, recorder, deadlines, _options, checks, abort.Token);
        long warmUpRequests = await run.WarmUpAsync(_options.WarmUp, cancellationToken).ConfigureAwait(false);
        DateTimeOffset startedAt = _time.GetUtcNow();
        long start = Stopwatch.GetTimestamp();

        using var progressTimer = progress is null ? null : new Timer(
            _ => progress.Report(run.Progress(start)), null, _options.ProgressInterval, _options.ProgressInterval);
        using var cpu = new GeneratorCpuSampler();

        long notStarted = await run.ScheduleAsync(start, cancellationToken).ConfigureAwait(false);

        await run.DrainAsync(_options.DrainTimeout).ConfigureAwait(false);
        if (!cancellationToken.IsCancellationRequested)
        {
            run.GiveUpPending();
        }

        await abort.CancelAsync().ConfigureAwait(false);
        await run.DrainAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(start);
        var result = recorder.ToResult(startedAt, elapsed, notStarted, cancellationToken.IsCancellationRequested) with
        {
            WarmUpRequests = warmUpRequests,
            Generator = cpu.Stop(),
        };
        progress?.Report(run.Progress(start));
        return result;
    }

    private bool UsesLeanTransport(Uri baseAddress) =>
        baseAddress.Scheme == Uri.UriSchemeHttp && _options.HttpVersion == HttpVersion.Version11 && !_options.FollowRedirects;

    private static async Task<IPEndPoint> EndPointAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(baseAddress.IdnHost, out var address))
        {
            return new IPEndPoint(address, baseAddress.Port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(baseAddress.IdnHost, cancellationToken).ConfigureAwait(false);
            return new IPEndPoint(addresses.First(), baseAddress.Port);
        }
        catch (SocketException e)
        {
            throw new ReplayConfigurationException($"The target host \"{baseAddress.Host}\" does not resolve ({e.SocketErrorCode}). Check the target's base URL.");
        }
    }

    // Pinned to one core, the pool starts with one worker and a burst of completions starves it for a second,
    // which lands in the measured latency (see PDF_AND_LOAD_PROBES.md, pitfall 10). Only ever raised.
    private static void EnsureThreadPoolCanBurst()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        int wanted = Math.Max(16, Environment.ProcessorCount * 4);
        if (workers < wanted || io < wanted)
        {
            ThreadPool.SetMinThreads(Math.Max(workers, wanted), Math.Max(io, wanted));
        }
    }

    private sealed partial class Run(ReplayPlan plan, Uri baseAddress, HttpClient client, Http1.Http1ConnectionPool? pool, Http1.Http1EventLoop? loop,
        LoadRecorder recorder, RequestDeadlines deadlines, LoadEngineOptions options, ResponseCheckMatcher?[]? checks, CancellationToken abort)
    {
        private readonly ConcurrentDictionary<(int Endpoint, string Target, bool Fresh), byte[]> _requestBytes = new();
        private readonly string _authority = baseAddress.IsDefaultPort ? baseAddress.IdnHost : $"{baseAddress.IdnHost}:{baseAddress.Port}";
        private readonly string _fixedHeaders = FixedHeaders(options);
        // Parsing a Uri costs about as much as the rest of building a request; a plan has few distinct targets.
        private const int MaxCachedUris = 10_000;
        private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);
        private readonly string _base = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        private readonly HttpMethod[] _methods = plan.Endpoints.Select(e => HttpMethod.Parse(e.Method)).ToArray();
        private long _inFlight;
        private volatile bool _gaveUp;
        private long _due;
        private long _lastSent;
        private long _lastTimestamp;
        private long _sequence;

        // Sends every arrival at its time; the number never started (when cancelled). The event loop keeps the
        // schedule itself; otherwise it runs on its own thread, so a thread-pool hiccup cannot delay arrivals.
        public async Task<long> ScheduleAsync(long start, CancellationToken cancellationToken)
        {
            if (loop is not null)
            {
                return await ScheduleOnLoopAsync(loop, start, cancellationToken).ConfigureAwait(false);
            }

            var scheduled = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var scheduler = new Thread(() => scheduled.SetResult(Schedule(start, cancellationToken)))
            {
                IsBackground = true,
                Name = "Replay.Testing scheduler",
            };
            scheduler.Start();
            return await scheduled.Task.ConfigureAwait(false);
        }

        private long Schedule(long start, CancellationToken cancellationToken)
        {
            long processed = 0;
            foreach (var arrival in plan.EnumerateArrivals())
            {
                long dueAt = start + (long)(arrival.Offset.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
                if (!ArrivalClock.WaitUntil(dueAt, cancellationToken))
                {
                    return plan.TotalRequests - processed;
                }

                processed++;
                if (!Admit(arrival))
                {
                    continue;
                }

                var item = (this, arrival, dueAt);
                ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Item1.SendAsync(s.arrival, s.dueAt), item, preferLocal: false);
            }

            return 0;
        }

        // A few closed loops walk the plan's first arrivals until the warm-up ends. The deadline is checked between
        // requests: cancelling one in flight would drop its pooled connection, the very thing being warmed.
        public async Task<long> WarmUpAsync(TimeSpan duration, CancellationToken cancellationToken)
        {
            if (duration <= TimeSpan.Zero || plan.TotalRequests == 0)
            {
                return 0;
            }

            var arrivals = plan.EnumerateArrivals().Take(1_000).ToArray();
            long deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            long sent = 0;
            int loops = Math.Min(8, Math.Min(options.MaxConnections, options.MaxInFlight));
            if (loop is not null)
            {
                return await WarmUpOnLoopAsync(arrivals, loops, deadline, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAll(Enumerable.Range(0, loops).Select(async loop =>
            {
                for (int i = loop; Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested; i += loops)
                {
                    try
                    {
                        await ExchangeAsync(arrivals[i % arrivals.Length], fresh: false, new RequestWriteStamp(), check: null, abort).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
                    {
                        // A target that fails now is measured by the replay itself.
                        await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                    }

                    Interlocked.Increment(ref sent);
                }
            })).ConfigureAwait(false);
            return sent;
        }

        // Requests still pending when the drain ends got no answer within the replay: they are timeouts, recorded at
        // the time they were given up, not "aborted" and left out of the percentiles.
        public void GiveUpPending() => _gaveUp = true;

        // Every request that got no answer is recorded here, by every driver.
        private void RecordUnanswered(in PlannedArrival arrival, string kind, long responseTicks, long serviceTicks) =>
            recorder.RecordTransportError(arrival, kind == "aborted" && _gaveUp ? "timeout" : kind, responseTicks, serviceTicks);

        public async Task DrainAsync(TimeSpan limit)
        {
            long deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
            while (Interlocked.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }
        }

        public LoadProgress Progress(long start)
        {
            long now = Stopwatch.GetTimestamp();
            long sent = recorder.Sent;
            long previousSent = Interlocked.Exchange(ref _lastSent, sent);
            long previousTime = Interlocked.Exchange(ref _lastTimestamp, now);
            double seconds = (now - (previousTime == 0 ? start : previousTime)) / (double)Stopwatch.Frequency;
            return new LoadProgress(
                Stopwatch.GetElapsedTime(start, now), plan.Duration, Interlocked.Read(ref _due), sent, recorder.Completed,
                recorder.Errors, recorder.Dropped, seconds <= 0 ? 0 : (sent - previousSent) / seconds,
                recorder.Response.PercentileMilliseconds(95));
        }

        private async Task SendAsync(PlannedArrival arrival, long dueAt)
        {
            long startedAt = Stopwatch.GetTimestamp();
            recorder.RecordSent(arrival, startedAt - dueAt);
            bool fresh = NextIsFresh();
            try
            {
                for (int attempt = 0; ; attempt++)
                {
                    if (attempt > 0)
                    {
                        recorder.RecordRetry(arrival);
                        await Task.Delay(Backoff(attempt), abort).ConfigureAwait(false);
                    }

                    bool retry = attempt < options.Retries;
                    if (await AttemptAsync(arrival, dueAt, fresh, finalAttempt: !retry).ConfigureAwait(false) || !retry)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                long end = Stopwatch.GetTimestamp();
                RecordUnanswered(arrival, "aborted", end - dueAt, end - startedAt);
            }
            finally
            {
                Finish();
            }
        }

        // Counts an arrival that is due; false when the in-flight cap drops it (counted as dropped).
        private bool Admit(PlannedArrival arrival)
        {
            Interlocked.Increment(ref _due);
            if (Interlocked.Read(ref _inFlight) >= options.MaxInFlight)
            {
                recorder.RecordDropped(arrival);
                return false;
            }

            Interlocked.Increment(ref _inFlight);
            return true;
        }

        private void Finish() => Interlocked.Decrement(ref _inFlight);

        private bool NextIsFresh() => options.FreshConnectionShare > 0 && IsFresh(Interlocked.Increment(ref _sequence));

        // Exponential: the first retry waits RetryBackoff, each next one twice as long.
        private TimeSpan Backoff(int attempt) => options.RetryBackoff * (1 << (attempt - 1));

        // One attempt; true when it settled the request (an answer below 500, or the run was aborted). A failed
        // attempt is recorded only when it is the final one: what the client ends up with is what it experienced.
        private async Task<bool> AttemptAsync(PlannedArrival arrival, long dueAt, bool fresh, bool finalAttempt)
        {
            var stamp = new RequestWriteStamp();
            long attemptAt = Stopwatch.GetTimestamp();
            var timeout = deadlines.ForRequestStartingNow();
            try
            {
                var (status, checkFailed) = await ExchangeAsync(arrival, fresh, stamp, CheckOf(arrival), timeout).ConfigureAwait(false);
                long end = Stopwatch.GetTimestamp();
                if (status < 500 || finalAttempt)
                {
                    recorder.RecordResponse(arrival, status, end - dueAt, end - WrittenAt(stamp, attemptAt), checkFailed);
                }

                return status < 500;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException or OperationCanceledException)
            {
                bool aborted = abort.IsCancellationRequested;
                if (finalAttempt || aborted)
                {
                    long end = Stopwatch.GetTimestamp();
                    string kind = aborted ? "aborted" : Classify(e, deadlines.TimedOut(timeout));
                    RecordUnanswered(arrival, kind, end - dueAt, end - WrittenAt(stamp, attemptAt));
                }

                return aborted;   // an aborted run retries nothing
            }
        }

        private ResponseCheckMatcher? CheckOf(in PlannedArrival arrival) => checks?[arrival.EndpointIndex];

        // One request and its whole response, on the lean HTTP/1.1 path or through HttpClient; the status code, and
        // whether the response failed the endpoint's check (when it has one).
        private async Task<(int Status, bool CheckFailed)> ExchangeAsync(PlannedArrival arrival, bool fresh, RequestWriteStamp stamp,
            ResponseCheckMatcher? check, CancellationToken cancellationToken)
        {
            if (pool is null)
            {
                RequestWriteStamp.Current = stamp;
                using var request = Request(arrival);
                request.Headers.ConnectionClose = fresh ? true : null;
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (check is null)
                {
                    await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                    return ((int)response.StatusCode, false);
                }

                return ((int)response.StatusCode, !await check.PassesAsync(response, cancellationToken).ConfigureAwait(false));
            }

            byte[] bytes = RequestBytes(arrival, fresh);
            bool isHead = _methods[arrival.EndpointIndex] == HttpMethod.Head;
            for (int attempt = 0; ; attempt++)
            {
                var connection = await pool.RentAsync(cancellationToken).ConfigureAwait(false);
                bool reusable = false;
                try
                {
                    var (status, keepAlive, writtenAt, checkFailed) = await connection.SendAsync(bytes, isHead, cancellationToken, check).ConfigureAwait(false);
                    stamp.MarkWritten(writtenAt);
                    reusable = keepAlive && !fresh;
                    return (status, checkFailed);
                }
                catch (Http1.Http1ConnectionClosedException) when (connection.Used && attempt == 0)
                {
                    // A kept-alive connection the server had closed meanwhile: nothing was answered, send it on a new one.
                }
                finally
                {
                    pool.Return(connection, reusable);
                }
            }
        }

        private byte[] RequestBytes(PlannedArrival arrival, bool fresh)
        {
            var key = (arrival.EndpointIndex, arrival.Target, fresh);
            if (_requestBytes.TryGetValue(key, out var bytes))
            {
                return bytes;
            }

            var endpoint = plan.Endpoints[arrival.EndpointIndex];
            var text = new System.Text.StringBuilder(256)
                .Append(endpoint.Method).Append(' ').Append(Uri(arrival.Target).PathAndQuery).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(_authority).Append("\r\n")
                .Append(_fixedHeaders);
            if (fresh)
            {
                text.Append("Connection: close\r\n");
            }

            byte[] body = endpoint.Body is { } b ? System.Text.Encoding.UTF8.GetBytes(b.Content) : [];
            if (endpoint.Body is { } content)
            {
                text.Append("Content-Type: ").Append(content.ContentType).Append("; charset=utf-8\r\n");
            }

            if (body.Length > 0 || endpoint.Method is "POST" or "PUT" or "PATCH")
            {
                text.Append("Content-Length: ").Append(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
            }

            text.Append("\r\n");
            bytes = [.. System.Text.Encoding.ASCII.GetBytes(text.ToString()), .. body];
            if (_requestBytes.Count < MaxCachedUris)
            {
                _requestBytes.TryAdd(key, bytes);
            }

            return bytes;
        }

        private static string FixedHeaders(LoadEngineOptions options)
        {
            var headers = new System.Text.StringBuilder();
            headers.Append("User-Agent: ").Append(options.UserAgent).Append("\r\n");
            foreach (var (name, value) in options.Headers)
            {
                if (name.AsSpan().IndexOfAny("\r\n:") >= 0 || value.AsSpan().IndexOfAny("\r\n") >= 0)
                {
                    throw new ReplayConfigurationException($"The header \"{name}\" in LoadEngineOptions.Headers has a line break or a colon in its name.");
                }

                headers.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            return headers.ToString();
        }

        private static long WrittenAt(RequestWriteStamp stamp, long attemptAt) => stamp.WrittenAt is > 0 and var written ? written : attemptAt;

        // A low-discrepancy pick: any stretch of requests carries the share, and the same plan picks the same ones.
        private bool IsFresh(long sequence) => (sequence * 0.6180339887498949) % 1.0 < options.FreshConnectionShare;

        private HttpRequestMessage Request(PlannedArrival arrival)
        {
            var request = new HttpRequestMessage(_methods[arrival.EndpointIndex], Uri(arrival.Target))
            {
                Version = options.HttpVersion,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            if (plan.Endpoints[arrival.EndpointIndex].Body is { } body)
            {
                request.Content = new StringContent(body.Content, System.Text.Encoding.UTF8, body.ContentType);
            }

            return request;
        }

        private Uri Uri(string target)
        {
            if (_uris.TryGetValue(target, out var uri))
            {
                return uri;
            }

            uri = new Uri(_base + target, UriKind.Absolute);
            if (_uris.Count < MaxCachedUris)
            {
                _uris.TryAdd(target, uri);
            }

            return uri;
        }

        private static string Classify(Exception e, bool timedOut)
        {
            if (timedOut || e is OperationCanceledException)
            {
                return "timeout";
            }

            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "refused",
                        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "reset",
                        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "dns",
                        SocketError.TimedOut => "timeout",
                        _ => "other",
                    };
                }
            }

            return e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } ? "dns"
                : e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or IOException ? "reset"
                : "other";
        }
    }
}
