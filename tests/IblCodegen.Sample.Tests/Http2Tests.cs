using System.Net;
using System.Text;

namespace IblCodegen.Sample.Tests;

/// <summary>
/// The sample over HTTP/2 (cleartext, with prior knowledge) on 127.0.0.1: a request body streamed without
/// Content-Length, as HTTP/2 clients send one, is read; HTTP/2 never says Transfer-Encoding.
/// </summary>
public sealed class Http2Tests : IAsyncLifetime
{
    private LoopbackSample _sample = null!;

    public async Task InitializeAsync() =>
        _sample = await LoopbackSample.StartAsync("--Kestrel:Endpoints:H2:Url=http://127.0.0.1:0", "--Kestrel:Endpoints:H2:Protocols=Http2");

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public async Task A_streamed_json_body_over_http2_is_read()
    {
        using var client = _sample.Client();

        var json = """{"platform_key":"globex","pathway_id":"pathway-v1:globex+lead+2024","user_id":"grace","accepted":true}""";
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/suggestions/pathway/manage/")
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Null(request.Content.Headers.ContentLength);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("\"accepted\":true", body);
    }

    /// <summary>A body whose length is not known beforehand: the client streams it in DATA frames, with no Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // A few bytes at a time, as a stream produced on the fly would give them.
            var n = Math.Min(Math.Min(count, 16), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
