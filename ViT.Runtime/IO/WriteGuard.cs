namespace ViT.IO;

/// <summary>
/// The stream <see cref="AtomicFile"/> hands to a writer: it passes everything through and marks an exception of the
/// stream beneath (a full disk, a failing device) as a <see cref="Failure"/>, so that it is reported as the file's, while
/// an exception of the writer's own passes unchanged.
/// </summary>
internal sealed class WriteGuard(Stream inner) : Stream
{
    /// <summary>A failure of the file being written; the inner exception is the file system's.</summary>
    internal sealed class Failure(Exception error) : Exception(error.Message, error);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Flush() => Guard(inner.Flush);
    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new Failure(error);
        }
    }

    static void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new Failure(error);
        }
    }
}
