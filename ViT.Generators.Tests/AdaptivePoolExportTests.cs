namespace ViT.Generators.Tests;

/// <summary>
/// <c>[AdaptiveAvgPool2d]</c>'s ONNX lines (found by the fuzzer): to 1x1 on an image that is not square it wrote a
/// <c>throw</c> statement ("windows of different sizes", though there is one window) and the lines after it were
/// unreachable, a CS0162 warning in the generated file.
/// </summary>
public sealed class AdaptivePoolExportTests
{
    static string Generated(string attributes)
    {
        var (result, compilation, _) = GeneratorHarness.Run($"using ViT;\n{attributes}\npublic partial class M;\n");
        Assert.Empty(GeneratorHarness.Problems(compilation));
        return Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("M.g.cs", StringComparison.Ordinal)).ToString();
    }

    [Fact]
    public void Pooling_a_non_square_image_to_1x1_exports_as_the_mean_of_the_image()
    {
        string code = Generated("[Input(2, 28, 12), AdaptiveAvgPool2d(1), Conv2d(4, 1), Activation(Activation.Sigmoid), Flatten, Linear(3)]");
        Assert.Contains("x = onnx.Reshape(onnx.ReduceMean(x, 2, 3), 0, 2, 1, 1);", code, StringComparison.Ordinal);
        Assert.DoesNotContain("NotSupportedException", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_the_export_cannot_write_leave_the_lines_after_them_reachable()
    {
        string code = Generated("[Input(2, 7, 5), AdaptiveAvgPool2d(3, 2), Flatten, Linear(3)]");
        Assert.Contains("x = onnx.Unsupported(\"ONNX export: adaptive average pooling from 7x5 to 3x2 needs windows", code, StringComparison.Ordinal);
    }
}
