using SkiaSharp;
using ViT.Data;

namespace ViT.Runtime.Tests.Onnx;

/// <summary>
/// Picture files as a user has them, made from MNIST test digits: 28x28 gray PNGs (as the model takes them), and RGB
/// PNGs and JPEGs of other sizes (which must be converted and resized). They lie in an image folder's layout, all in one
/// test class (<c>test/a</c>, in file-name order), so that the runtime's <see cref="ImageFolder"/> reads them as training does.
/// </summary>
public sealed class PictureFolder : IDisposable
{
    public PictureFolder()
    {
        Root = Directory.CreateTempSubdirectory("vit-pictures-").FullName;
        using var mnist = Mnist.Load(ViT.Samples.SampleData.MnistDirectory);
        var files = new List<string>();
        for (int i = 0; i < 24; i++)
        {
            using var gray = Digit(mnist, i);
            files.Add(Save(gray, $"{i:D2}-gray28.png", SKEncodedImageFormat.Png));
        }
        for (int i = 24; i < 30; i++)
        {
            using var gray = Digit(mnist, i);
            using var rgb = Colour(gray, width: 40 + 3 * i, height: 33 + i); // larger, not square, in colour: converted and shrunk
            files.Add(Save(rgb, $"{i:D2}-rgb.png", SKEncodedImageFormat.Png));
        }
        using (var gray = Digit(mnist, 30))
        using (var rgb = Colour(gray, width: 20, height: 17)) // smaller: enlarged
            files.Add(Save(rgb, "30-rgb-small.png", SKEncodedImageFormat.Png));
        using (var gray = Digit(mnist, 31))
        using (var rgb = Colour(gray, width: 64, height: 64))
            files.Add(Save(rgb, "31-rgb.jpg", SKEncodedImageFormat.Jpeg));
        Files = files;
        // A second training class makes it a valid image folder; the test split is what the tests read.
        Directory.CreateDirectory(Path.Combine(Root, "train", "b"));
        File.Copy(files[0], Path.Combine(Root, "train", "a", "00.png"));
        File.Copy(files[1], Path.Combine(Root, "train", "b", "00.png"));
    }

    /// <summary>The folder (with <c>train/</c> and <c>test/</c>).</summary>
    public string Root { get; }

    /// <summary>The test pictures, in the order the image folder reads them.</summary>
    public IReadOnlyList<string> Files { get; }

    static SKBitmap Digit(Mnist mnist, int index)
    {
        using var image = mnist.Test.ReadImages([index]);
        float[] values = image.data<float>().ToArray();
        var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int p = 0; p < values.Length; p++) pixels[p] = (byte)Math.Round(values[p] * 255);
        return bitmap;
    }

    static SKBitmap Colour(SKBitmap gray, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(20, 40, 90));
        using var paint = new SKPaint { ColorFilter = SKColorFilter.CreateBlendMode(new SKColor(255, 200, 60), SKBlendMode.Modulate) };
        using var image = SKImage.FromBitmap(gray);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear), paint);
        return bitmap;
    }

    string Save(SKBitmap bitmap, string name, SKEncodedImageFormat format)
    {
        string folder = Path.Combine(Root, "test", "a");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(Root, "train", "a"));
        string path = Path.Combine(folder, name);
        using var data = bitmap.Encode(format, 90);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
