namespace Replay.Testing.Load.Http1;

/// <summary>The server closed the connection before sending any of the response: on a kept-alive connection, safe to send once more.</summary>
internal sealed class Http1ConnectionClosedException(string message) : IOException(message);
