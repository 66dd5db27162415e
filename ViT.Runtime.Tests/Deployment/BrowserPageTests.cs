using ViT.Onnx;
using Xunit.Abstractions;

namespace ViT.Runtime.Tests.Deployment;

/// <summary>
/// The exported model in a web page through onnxruntime-web, in headless Chromium: for 100 MNIST test pictures the page
/// gives OnnxClassifier's top 3 (the same classes in the same order, probabilities within 1e-5), and a "1" drawn on the
/// pad as a user draws it (one stroke of the mouse) is classified as a 1. <c>VIT_PAGE_SCREENSHOT=file.png</c> keeps the
/// page's screenshot.
/// </summary>
public sealed class BrowserPageTests(DeployedDigits digits, ITestOutputHelper output) : IClassFixture<DeployedDigits>, IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("vit-page-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [SkippableFact]
    public void The_page_classifies_MNIST_test_pictures_as_OnnxClassifier_does()
    {
        string? missing = BrowserPage.Missing();
        if (missing is not null && BrowserPage.Required) Assert.Fail($"VIT_BROWSER_TESTS=required, but {missing}.");
        Skip.If(missing is not null, $"{missing}; see docs/deployment.md.");
        string screenshot = Path.Combine(_out, "page.png");

        var (pictures, drawn) = BrowserPage.Classify(digits.ModelPath, digits.Folder, screenshot);

        using var classifier = new OnnxClassifier(digits.ModelPath);
        Assert.Equal(digits.Pictures.Select(p => Path.GetFileName(p.Path)), pictures.Select(p => p.File));
        double worst = 0;
        int right = 0;
        foreach (var ((path, label), page) in digits.Pictures.Zip(pictures))
        {
            var expected = classifier.ClassifyImage(path, top: 3);
            Assert.Equal(expected.Select(s => (s.Index, s.Name)), page.Top.Select(s => (s.Index, s.Name)));
            worst = Math.Max(worst, expected.Zip(page.Top, (e, p) => Math.Abs(e.Probability - p.Probability)).Max());
            if (page.Top[0].Name == label.ToString()) right++;
        }
        output.WriteLine($"{pictures.Count} MNIST test pictures in the page: top 3 as OnnxClassifier's for all, probabilities within {worst:E2}, {right} right; drawn: {string.Join(" | ", drawn)}");
        Assert.InRange(worst, 0, 1e-5);
        Assert.Equal(3, drawn.Length);
        Assert.Equal("1", drawn[0]);
        Assert.True(new FileInfo(screenshot).Length > 0);
        if (Environment.GetEnvironmentVariable("VIT_PAGE_SCREENSHOT") is { Length: > 0 } keep) File.Copy(screenshot, keep, overwrite: true);
    }
}
