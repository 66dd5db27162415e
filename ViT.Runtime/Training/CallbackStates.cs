using ViT.Training.Callbacks;

namespace ViT.Training;

/// <summary>
/// The checkpoint section after the optimizer's state: the count, then per <see cref="ICheckpointedCallback"/> its key,
/// the length of its state and the state, so a state no callback of this run claims is skipped. Checkpoints written
/// before the section existed end after the optimizer: no states.
/// </summary>
internal static class CallbackStates
{
    public static void Save(BinaryWriter writer, IEnumerable<ICheckpointedCallback> callbacks)
    {
        var states = callbacks.Select(callback =>
        {
            using var buffer = new MemoryStream();
            using (var inner = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) callback.SaveState(inner);
            return (callback.StateKey, Bytes: buffer.ToArray());
        }).ToList();
        var duplicate = states.GroupBy(state => state.StateKey).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two callbacks keep their state under '{duplicate.Key}'; state keys must be unique.");
        writer.Write(states.Count);
        foreach (var (key, bytes) in states)
        {
            writer.Write(key);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    public static void Load(string path, BinaryReader reader, IEnumerable<ICheckpointedCallback> callbacks)
    {
        if (reader.BaseStream.Position == reader.BaseStream.Length) return;
        var byKey = callbacks.ToDictionary(callback => callback.StateKey);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString();
            byte[] bytes = reader.ReadBytes(reader.ReadInt32());
            if (!byKey.TryGetValue(key, out var callback)) continue;
            try
            {
                using var inner = new BinaryReader(new MemoryStream(bytes));
                callback.LoadState(inner);
            }
            catch (Exception e) when (e is not CheckpointException)
            {
                throw new CheckpointException(path, $"the state of the callback '{key}' does not fit this run ({e.Message}); resume with the callbacks that wrote it.", e);
            }
        }
    }
}
