using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Spm.Dataverse.Tests.Pipeline;

/// <summary>One request the receiver got: the request line's target, the headers (names lower-cased) and the body.</summary>
internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A bare HTTP/1.1 endpoint on 127.0.0.1 and a free port, standing in for the bot: it answers each request with the next
/// status of <see cref="Answers"/> (200 when none is left), after <see cref="Delay"/>, and closes the connection.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Task _loop;

    public WebhookReceiver(params int[] answers)
    {
        foreach (int answer in answers)
        {
            Answers.Enqueue(answer);
        }

        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    public ConcurrentQueue<int> Answers { get; } = new();

    public TimeSpan Delay { get; set; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                ReceivedRequest request = await Read(stream);
                _requests.Enqueue(request);
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, _stop.Token);
                }

                int status = Answers.TryDequeue(out int next) ? next : 200;
                string reason = status switch
                {
                    200 => "OK",
                    400 => "Bad Request",
                    404 => "Not Found",
                    500 => "Internal Server Error",
                    502 => "Bad Gateway",
                    503 => "Service Unavailable",
                    504 => "Gateway Timeout",
                    _ => ((HttpStatusCode)status).ToString(),
                };
                byte[] response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(response, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
                // The client gave up (a timeout) or the receiver stopped.
            }
        }
    }

    private async Task<ReceivedRequest> Read(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                throw new IOException("the connection closed inside the request head");
            }

            head.Add(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        byte[] body = new byte[headers.TryGetValue("content-length", out string? length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        int read = 0;
        while (read < body.Length)
        {
            int n = await stream.ReadAsync(body.AsMemory(read), _stop.Token);
            if (n == 0)
            {
                throw new IOException("the connection closed inside the body");
            }

            read += n;
        }

        return new ReceivedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
