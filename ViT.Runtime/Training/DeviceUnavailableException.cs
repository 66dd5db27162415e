namespace ViT.Training;

/// <summary>The device asked for does not exist here (for example CUDA on a machine or build without it); the message says what to use instead.</summary>
public sealed class DeviceUnavailableException(string device, string message) : Exception(message)
{
    /// <summary>The device name as it was asked for, for example <c>cuda</c>.</summary>
    public string Device { get; } = device;
}
