using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ViT.Imaging;

namespace ViT.Runtime.Tests.Imaging;

public sealed class PngEncoderTests
{
    /// <summary>A bit-at-a-time CRC-32, independent of the encoder's table-driven one.</summary>
    static uint ReferenceCrc(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    /// <summary>Splits a PNG into its chunks, checking each CRC.</summary>
    internal static List<(string Type, byte[] Data)> ReadChunks(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = new List<(string, byte[])>();
        for (int offset = 8; offset < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            byte[] typeAndData = png[(offset + 4)..(offset + 8 + length)];
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(ReferenceCrc(typeAndData), crc);
            chunks.Add((Encoding.ASCII.GetString(typeAndData, 0, 4), typeAndData[4..]));
            offset += 12 + length;
        }
        return chunks;
    }

    [Fact]
    public void Png_round_trips_pixels_through_an_independent_decoder()
    {
        var image = new RgbImage(3, 2, Rgb.White);
        image.SetPixel(0, 0, new Rgb(10, 20, 30));
        image.SetPixel(2, 1, Rgb.Red);

        var chunks = ReadChunks(image.ToPng());

        Assert.Equal(new[] { "IHDR", "IDAT", "IEND" }, chunks.Select(c => c.Type));
        byte[] header = chunks[0].Data;
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, header[8..]);

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        byte[] rows = inflated.ToArray();
        Assert.Equal(2 * (1 + 9), rows.Length);
        Assert.Equal(new byte[] { 0, 10, 20, 30, 255, 255, 255, 255, 255, 255 }, rows[..10]);
        Assert.Equal(new byte[] { 0, 255, 255, 255, 255, 255, 255, Rgb.Red.R, Rgb.Red.G, Rgb.Red.B }, rows[10..]);
    }

    [Fact]
    public void Text_draws_the_glyph_pixels()
    {
        var image = new RgbImage(5, 7, Rgb.White);
        image.DrawText("1", 0, 0, Rgb.Black);

        // The glyph for 1: a vertical stroke in the middle column with a foot three pixels wide.
        Assert.Equal(Rgb.Black, image.GetPixel(2, 3));
        Assert.Equal(Rgb.White, image.GetPixel(0, 3));
        Assert.Equal(Rgb.Black, image.GetPixel(1, 6));
        Assert.Equal(Rgb.Black, image.GetPixel(3, 6));
    }
}
