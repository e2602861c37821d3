using System.Diagnostics;
using Replay.Testing.Plans;

namespace Replay.Testing.Load;

// The load engine's run on the Linux event loop (Http1/Http1EventLoop): the loop keeps the schedule, sends the
// requests and calls back here on its own thread with each outcome, which is recorded as the other drivers record it.
public sealed partial class LoadEngine
{
    private sealed partial class Run
    {
        private async Task<long> ScheduleOnLoopAsync(Http1.Http1EventLoop eventLoop, long start, CancellationToken cancellationToken)
        {
            var schedule = new LoopSchedule(this, plan.EnumerateArrivals(), plan.TotalRequests, start, eventLoop.Wake);
            using (cancellationToken.Register(schedule.Cancel))
            {
                eventLoop.Follow(schedule);
                return await schedule.Finished.ConfigureAwait(false);
            }
        }

        private async Task<long> WarmUpOnLoopAsync(PlannedArrival[] arrivals, int loops, long deadline, CancellationToken cancellationToken)
        {
            var chains = Enumerable.Range(0, loops).Select(i => new WarmUpRequest(this, arrivals, i, loops, deadline, cancellationToken)).ToList();
            chains.ForEach(c => c.Submit());
            await Task.WhenAll(chains.Select(c => c.Done)).ConfigureAwait(false);
            return chains.Sum(c => c.Sent);
        }

        private void Answered(PlannedArrival arrival, int status, long responseTicks, long serviceTicks, bool checkFailed)
        {
            recorder.RecordResponse(arrival, status, responseTicks, serviceTicks, checkFailed);
            Finish();
        }

        private void Failed(PlannedArrival arrival, string kind, long responseTicks, long serviceTicks)
        {
            RecordUnanswered(arrival, kind, responseTicks, serviceTicks);
            Finish();
        }

        // Sends an event-loop request again after its backoff, when retries are left; false when it is settled as is.
        private bool Retry(LoopRequest request, PlannedArrival arrival, int attempt, long now)
        {
            if (attempt > options.Retries || abort.IsCancellationRequested)
            {
                return false;
            }

            recorder.RecordRetry(arrival);
            request.NotBefore = now + (long)(Backoff(attempt).TotalSeconds * Stopwatch.Frequency);
            request.Resent = false;
            loop!.Submit(request);
            return true;
        }

        private void Submit(Http1.Http1Exchange exchange) => loop!.Submit(exchange);

        // An arrival the event loop found due: sent, or dropped when the in-flight cap is reached.
        private LoopRequest? Take(PlannedArrival arrival, long dueAt, long now)
        {
            if (!Admit(arrival))
            {
                return null;
            }

            recorder.RecordSent(arrival, now - dueAt);
            return new LoopRequest(this, arrival, dueAt, NextIsFresh()) { Check = CheckOf(arrival) };
        }

        // A request on the event loop: its callbacks run on the loop's thread. A retry goes back to the loop after its backoff.
        private sealed class LoopRequest(Run run, PlannedArrival arrival, long dueAt, bool fresh)
            : Http1.Http1Exchange(run.RequestBytes(arrival, fresh), run._methods[arrival.EndpointIndex] == HttpMethod.Head, fresh)
        {
            private int _attempt;

            public override void Answered(int status, long writtenAt, long endedAt, bool checkFailed)
            {
                if (status >= 500 && run.Retry(this, arrival, ++_attempt, endedAt))
                {
                    return;
                }

                run.Answered(arrival, status, endedAt - dueAt, endedAt - SentAt(writtenAt), checkFailed);
            }

            public override void Failed(string kind, long writtenAt, long endedAt)
            {
                if (kind != "aborted" && run.Retry(this, arrival, ++_attempt, endedAt))
                {
                    return;
                }

                run.Failed(arrival, kind, endedAt - dueAt, endedAt - SentAt(writtenAt));
            }

            // Service time counts from the write; a request that never reached the socket, from its attempt's start.
            private long SentAt(long writtenAt) => writtenAt > 0 ? writtenAt : StartedAt;
        }

        // The plan's arrivals as the event loop takes them, on its thread, when they are due: the same drop rule
        // and records as the scheduler thread's, without a thread to wake and a queue to cross per arrival.
        private sealed class LoopSchedule : Http1.IHttp1Schedule
        {
            private readonly Run _run;
            private readonly long _start, _total;
            private readonly Action _wake;
            private readonly IEnumerator<PlannedArrival> _arrivals;
            private readonly TaskCompletionSource<long> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private PlannedArrival _next;
            private long _nextDue = long.MaxValue;
            private long _processed;
            private volatile bool _cancelled;

            public LoopSchedule(Run run, IEnumerable<PlannedArrival> arrivals, long total, long start, Action wake)
            {
                _run = run;
                _start = start;
                _total = total;
                _wake = wake;
                _arrivals = arrivals.GetEnumerator();
                Advance();
            }

            /// <summary>Completes with the number of arrivals never started (non-zero only when cancelled).</summary>
            public Task<long> Finished => _finished.Task;

            public long NextDueAt => _cancelled ? 0 : _nextDue;

            public void Cancel()
            {
                _cancelled = true;
                _wake();
            }

            public void Abandon() => _finished.TrySetResult(_total - _processed);

            public Http1.Http1Exchange? TakeDue(long now)
            {
                if (_cancelled)
                {
                    _nextDue = long.MaxValue;
                    _finished.TrySetResult(_total - _processed);
                    return null;
                }

                while (_nextDue <= now)
                {
                    var arrival = _next;
                    long dueAt = _nextDue;
                    Advance();
                    _processed++;
                    if (_run.Take(arrival, dueAt, now) is { } request)
                    {
                        return request;
                    }
                }

                if (_nextDue == long.MaxValue)
                {
                    _finished.TrySetResult(0);
                }

                return null;
            }

            private void Advance()
            {
                if (_arrivals.MoveNext())
                {
                    _next = _arrivals.Current;
                    _nextDue = _start + (long)(_next.Offset.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
                }
                else
                {
                    _nextDue = long.MaxValue;
                    _arrivals.Dispose();
                }
            }
        }

        // One of the warm-up's closed loops on the event loop: each answer sends the next request until the deadline.
        private sealed class WarmUpRequest(Run run, PlannedArrival[] arrivals, int first, int step, long deadline, CancellationToken cancellationToken)
        {
            private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _next = first;
            private long _sent;

            public Task Done => _done.Task;

            public long Sent => Interlocked.Read(ref _sent);

            public void Submit()
            {
                if (Stopwatch.GetTimestamp() >= deadline || cancellationToken.IsCancellationRequested)
                {
                    _done.TrySetResult();
                    return;
                }

                var arrival = arrivals[_next % arrivals.Length];
                _next += step;
                run.Submit(new Attempt(this, run.RequestBytes(arrival, fresh: false), run._methods[arrival.EndpointIndex] == HttpMethod.Head));
            }

            private sealed class Attempt(WarmUpRequest chain, byte[] request, bool isHead) : Http1.Http1Exchange(request, isHead, closeConnection: false)
            {
                private readonly WarmUpRequest _chain = chain;

                public override void Answered(int status, long writtenAt, long endedAt, bool checkFailed) => Next();

                // A target that fails now is measured by the replay itself; the chain pauses instead of spinning.
                public override void Failed(string kind, long writtenAt, long endedAt)
                {
                    if (kind == "aborted")
                    {
                        _chain._done.TrySetResult();
                        return;
                    }

                    Interlocked.Increment(ref _chain._sent);
                    _ = Task.Delay(50).ContinueWith(_ => _chain.Submit(), TaskScheduler.Default);
                }

                private void Next()
                {
                    Interlocked.Increment(ref _chain._sent);
                    _chain.Submit();
                }
            }
        }
    }
}
