namespace ViT.Runtime.Tests.Data;

/// <summary>IDX headers written by hand for the tests: magic 0x0000 08 rank, then each dimension big-endian.</summary>
public static class IdxBytes
{
    /// <summary>The header of an unsigned-byte IDX file with these dimensions (type 0x08 unless given).</summary>
    public static byte[] Header(uint[] dimensions, byte type = 0x08)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)dimensions.Length };
        foreach (uint d in dimensions) bytes.AddRange(new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d });
        return bytes.ToArray();
    }
}
