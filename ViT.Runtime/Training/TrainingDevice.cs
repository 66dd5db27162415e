using TorchSharp;

namespace ViT.Training;

/// <summary>Chooses the device: CUDA when TorchSharp reports it, else the CPU, unless the user names one.</summary>
public static class TrainingDevice
{
    /// <summary>
    /// Resolves "cpu", "cuda", "cuda:N" or null (automatic) to a TorchSharp device; throws
    /// <see cref="DeviceUnavailableException"/> for CUDA where TorchSharp reports none.
    /// </summary>
    public static torch.Device Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !torch.cuda.is_available())
            throw new DeviceUnavailableException(name, $"Device '{name}' was asked for but TorchSharp reports no CUDA device; use --device cpu, or install a CUDA backend (-p:TorchBackend=cuda-linux or cuda-windows).");
        return torch.device(name);
    }
}
