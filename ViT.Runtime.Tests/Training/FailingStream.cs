namespace ViT.Runtime.Tests.Training;

/// <summary>Fails a checkpoint write after some bytes, as a full disk or a killed process would.</summary>
internal sealed class FailingStream(Stream inner, int failAfterBytes) : Stream
{
    long _written;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count)
    {
        int allowed = (int)Math.Min(count, Math.Max(0, failAfterBytes - _written));
        inner.Write(buffer, offset, allowed);
        _written += allowed;
        if (allowed < count) throw new IOException("simulated: no space left on device");
    }
}
