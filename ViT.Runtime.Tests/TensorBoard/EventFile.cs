using System.Buffers.Binary;

namespace ViT.Runtime.Tests.TensorBoard;

/// <summary>
/// Reads a TensorBoard event file: TFRecord framing (length, masked CRC-32C of the length, data, masked CRC-32C of the
/// data), each record an <see cref="Event"/>. Both checksums are verified, as TensorBoard's reader does.
/// </summary>
internal static class EventFile
{
    public static IReadOnlyList<Event> Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var events = new List<Event>();
        for (int offset = 0; offset < bytes.Length;)
        {
            Assert.True(offset + 12 <= bytes.Length, $"{path}: a record header is cut off at byte {offset}");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
            Assert.Equal(Masked(Crc32C(bytes.AsSpan(offset, 8))), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8)));
            int start = offset + 12, end = start + checked((int)length);
            Assert.True(end + 4 <= bytes.Length, $"{path}: the record at byte {offset} is cut off");
            Assert.Equal(Masked(Crc32C(bytes.AsSpan(start, end - start))), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end)));
            events.Add(Event.Parser.ParseFrom(bytes, start, end - start));
            offset = end + 4;
        }
        return events;
    }

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit.</summary>
    static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    /// <summary>TFRecord's masking: rotate right by 15 and add a constant.</summary>
    static uint Masked(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);
}
