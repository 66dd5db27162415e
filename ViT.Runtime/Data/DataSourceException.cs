namespace ViT.Data;

/// <summary>
/// A data source that failed while it was read, or gave what <see cref="IImageSource"/> does not allow (labels that are not
/// int64 class indices, images of another type or shape than it declares). The message names the source, what it gave and
/// what was expected; a source's own exception is kept as the inner exception.
/// </summary>
public sealed class DataSourceException : Exception
{
    /// <summary>Creates the exception with a message that names the source.</summary>
    public DataSourceException(string message, Exception? inner = null) : base(message, inner) { }
}
