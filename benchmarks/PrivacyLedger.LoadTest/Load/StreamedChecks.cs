using System.Collections.Concurrent;
using Outbox = System.Threading.Channels;
using Grpc.Core;
using PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>
/// Permission checks sent over long-lived CheckStream calls, one per gRPC channel, many checks in flight on each. The
/// stream answers in the order asked, so each stream keeps its unanswered checks in a queue: one writer task sends
/// them in queue order, one reader task completes them in the same order (and checks the answer names the subject
/// asked about). A check is timed from when it is handed over to when its answer is read, as a unary call would be.
/// </summary>
internal sealed class StreamedChecks : IAsyncDisposable
{
    private readonly Lane[] _lanes;
    private int _next;

    public StreamedChecks(GrpcLoadClient client)
    {
        _lanes = [.. Enumerable.Range(0, client.Channels).Select(channel => new Lane(client.PermissionsOn(channel).CheckStream(client.Key)))];
    }

    /// <summary>One check; a refusal or a broken stream is an exception, as from a unary call.</summary>
    public Task<CheckStreamResponse> CheckAsync(CheckStreamRequest request) =>
        _lanes[(int)((uint)Interlocked.Increment(ref _next) % (uint)_lanes.Length)].SendAsync(request);

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
    }

    private sealed class Lane : IAsyncDisposable
    {
        private readonly AsyncDuplexStreamingCall<CheckStreamRequest, CheckStreamResponse> _call;
        private readonly Outbox.Channel<(CheckStreamRequest Request, TaskCompletionSource<CheckStreamResponse> Answer)> _outbox =
            Outbox.Channel.CreateUnbounded<(CheckStreamRequest, TaskCompletionSource<CheckStreamResponse>)>(new Outbox.UnboundedChannelOptions { SingleReader = true });
        private readonly ConcurrentQueue<(string SubjectId, TaskCompletionSource<CheckStreamResponse> Answer)> _unanswered = new();
        private readonly Task _writing;
        private readonly Task _reading;

        public Lane(AsyncDuplexStreamingCall<CheckStreamRequest, CheckStreamResponse> call)
        {
            _call = call;
            _writing = Task.Run(WriteAsync);
            _reading = Task.Run(ReadAsync);
        }

        public Task<CheckStreamResponse> SendAsync(CheckStreamRequest request)
        {
            var answer = new TaskCompletionSource<CheckStreamResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_outbox.Writer.TryWrite((request, answer)))
            {
                answer.SetException(new InvalidOperationException("The check stream is closed."));
            }
            return answer.Task;
        }

        private async Task WriteAsync()
        {
            try
            {
                await foreach (var (request, answer) in _outbox.Reader.ReadAllAsync())
                {
                    // Queued before it is written, so the queue's order is the stream's order.
                    _unanswered.Enqueue((request.SubjectId, answer));
                    await _call.RequestStream.WriteAsync(request);
                }
                await _call.RequestStream.CompleteAsync();
            }
            catch (Exception exception) when (exception is RpcException or InvalidOperationException or IOException)
            {
                FailAll(exception);
            }
        }

        private async Task ReadAsync()
        {
            try
            {
                await foreach (var response in _call.ResponseStream.ReadAllAsync())
                {
                    if (!_unanswered.TryDequeue(out var waiting))
                    {
                        throw new InvalidOperationException("The check stream answered a check that was not asked.");
                    }
                    if (response.Error is { } error)
                    {
                        waiting.Answer.TrySetException(new InvalidOperationException($"check refused: {(StatusCode)error.Code} {error.Field}: {error.Message}"));
                    }
                    else if (response.Result?.SubjectId != waiting.SubjectId)
                    {
                        waiting.Answer.TrySetException(new InvalidOperationException("The check stream answered out of order."));
                    }
                    else
                    {
                        waiting.Answer.TrySetResult(response);
                    }
                }
                FailAll(new InvalidOperationException("The check stream ended."));
            }
            catch (Exception exception) when (exception is RpcException or InvalidOperationException or IOException)
            {
                FailAll(exception);
            }
        }

        private void FailAll(Exception exception)
        {
            _outbox.Writer.TryComplete();
            while (_unanswered.TryDequeue(out var waiting))
            {
                waiting.Answer.TrySetException(exception);
            }
            while (_outbox.Reader.TryRead(out var queued))
            {
                queued.Answer.TrySetException(exception);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _outbox.Writer.TryComplete();
            await _writing;
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _reading.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
            }
            _call.Dispose();
        }
    }
}
