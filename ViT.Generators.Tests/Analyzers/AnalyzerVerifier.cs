using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ViT.Generators.Analyzers;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>Runs <see cref="ModelShapeAnalyzer"/> on markup source: <c>{|VIT0003:6|}</c> marks where a diagnostic must be.</summary>
internal static class AnalyzerVerifier
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, CompilerDiagnostics.Errors, expected);

    public static async Task VerifyAsync(string source, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<ModelShapeAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.None,
            CompilerDiagnostics = compilerDiagnostics,
        };
        TestReferences.Apply(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<ModelShapeAnalyzer, DefaultVerifier>.Diagnostic(id);
}
