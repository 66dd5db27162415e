using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using ViT.IO;
using ViT.Weights;
using static TorchSharp.torch;

namespace ViT.Training;

/// <summary>
/// Reads and writes training checkpoints: weights, optimizer state and the <see cref="CheckpointState"/>.
/// Layout: the magic <c>VITCKPT1</c>, the payload length (int64, little-endian), the payload's SHA-256, then
/// the payload (JSON state with its length, the module's state, the optimizer's state). The length and hash
/// make truncation and corruption a clear error that names the earlier checkpoints to resume from instead; writes go
/// through <see cref="AtomicFile"/>, so a failing save never damages the last good one.
/// </summary>
public static class CheckpointFile
{
    static readonly byte[] Magic = "VITCKPT1"u8.ToArray();
    const int HeaderLength = 8 + 8 + 32;
    static readonly JsonSerializerOptions Json = new() { WriteIndented = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Save(string path, nn.Module model, OptimizerHelper optimizer, CheckpointState state) =>
        Save(path, model, optimizer, state, writeHook: null);

    /// <summary>Writes a checkpoint atomically; <paramref name="writeHook"/> lets tests fail the write midway.</summary>
    internal static void Save(string path, nn.Module model, OptimizerHelper optimizer, CheckpointState state, Func<Stream, Stream>? writeHook)
    {
        byte[] payload = BuildPayload(model, optimizer, state);
        byte[] header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), payload.Length);
        SHA256.HashData(payload).CopyTo(header, 16);

        AtomicFile.Write(path, file =>
        {
            file.Write(header);
            file.Write(payload);
        }, writeHook);
    }

    /// <summary>Checks and reads a checkpoint's state without touching any model.</summary>
    public static CheckpointState ReadState(string path) => ReadState(path, Verify(path), out _);

    /// <summary>
    /// Restores <paramref name="model"/> and <paramref name="optimizer"/> and returns the training state;
    /// <paramref name="accept"/> sees the state first and may refuse it by throwing, before anything is restored.
    /// </summary>
    public static CheckpointState Load(string path, nn.Module model, OptimizerHelper optimizer, Action<CheckpointState>? accept = null) =>
        Restore(path, model, optimizer, accept);

    /// <summary>Restores only the weights of <paramref name="model"/> (for prediction) and returns the training state.</summary>
    public static CheckpointState LoadWeights(string path, nn.Module model) => Restore(path, model, optimizer: null, accept: null);

    /// <summary>
    /// Writes the weights of the checkpoint at <paramref name="path"/> as a safetensors file (<see cref="ModelWeights.Save"/>),
    /// for PyTorch, timm or a fine-tuning run; <paramref name="model"/> is the architecture it was written for, and receives
    /// the weights on the way. Returns the checkpoint's training state.
    /// </summary>
    public static CheckpointState ExportWeights(string path, nn.Module model, string safetensorsPath)
    {
        var state = LoadWeights(path, model);
        ModelWeights.Save(model, safetensorsPath);
        return state;
    }

    static CheckpointState Restore(string path, nn.Module model, OptimizerHelper? optimizer, Action<CheckpointState>? accept)
    {
        byte[] payload = Verify(path);
        var state = ReadState(path, payload, out int offset);
        accept?.Invoke(state);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, offset, payload.Length - offset));
            model.load(reader);
            try
            {
                optimizer?.load_state_dict(reader);
            }
            catch (Exception e) when (e is not CheckpointException)
            {
                throw new CheckpointException(path, $"the optimizer state does not fit this optimizer ({e.Message}). It was written with another " +
                    "optimizer or parameter layout (the default Adam steps one flat buffer, a TrainerOptions.Optimizer of yours each parameter); " +
                    "resume with the optimizer that wrote it.", e);
            }
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(path, $"the weights or optimizer state do not fit this model ({e.Message}). Was it written for another model?", e);
        }
        return state;
    }

    static byte[] BuildPayload(nn.Module model, OptimizerHelper optimizer, CheckpointState state)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(state, Json);
            writer.Write(json.Length);
            writer.Write(json);
            model.save(writer);
            optimizer.save_state_dict(writer);
        }
        return stream.ToArray();
    }

    static byte[] Verify(string path)
    {
        if (Directory.Exists(path))
            throw new CheckpointException(path, "is a folder, not a checkpoint file. Move it away, or resume from another checkpoint.");
        if (!File.Exists(path)) throw new CheckpointException(path, "no such checkpoint.");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeaderLength)
            throw Damaged(path, $"truncated: {bytes.Length} bytes is shorter than the {HeaderLength}-byte header.");
        if (!bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw Damaged(path, "not a ViT# checkpoint (wrong magic number; expected VITCKPT1).");
        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        long available = bytes.Length - HeaderLength;
        if (length != available)
            throw Damaged(path, length > available
                ? $"truncated: the header promises {length:N0} bytes of payload but {available:N0} follow."
                : $"{available - length:N0} unexpected bytes after the payload.");
        byte[] payload = bytes[HeaderLength..];
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(16, 32)))
            throw Damaged(path, "corrupt: the payload's SHA-256 does not match the header.");
        return payload;
    }

    /// <summary>A damaged checkpoint, with the epoch checkpoints beside it that could be resumed from instead.</summary>
    static CheckpointException Damaged(string path, string fault)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var earlier = Directory.EnumerateFiles(folder, "epoch-*.ckpt")
            .Where(file => Path.GetFullPath(file) != Path.GetFullPath(path))
            .Select(file => (File: file, Epoch: int.TryParse(Path.GetFileNameWithoutExtension(file)["epoch-".Length..], out int n) ? n : 0))
            .OrderByDescending(entry => entry.Epoch)
            .Select(entry => entry.File)
            .ToList();
        return new CheckpointException(path, earlier.Count == 0
            ? $"{fault} No earlier checkpoint is beside it: train from scratch, or into another output folder."
            : $"{fault} Resume from an earlier checkpoint instead (TrainerOptions.ResumeFrom; the sample's --resume-from): {string.Join(", ", earlier)}.");
    }

    static CheckpointState ReadState(string path, byte[] payload, out int offset)
    {
        try
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(payload);
            offset = 4 + length;
            return JsonSerializer.Deserialize<CheckpointState>(payload.AsSpan(4, length), Json)
                ?? throw new CheckpointException(path, "the training state is empty.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new CheckpointException(path, $"the training state is not valid JSON ({e.Message}).", e);
        }
    }
}
