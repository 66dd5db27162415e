using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ViT.Generators.Analyzers;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>Runs <see cref="ModelShapeAnalyzer"/> and a code fix; the fixed code must have no diagnostics left.</summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null)
    {
        var test = new CSharpCodeFixTest<ModelShapeAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.None,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        TestReferences.Apply(test.TestState);
        TestReferences.Apply(test.FixedState);
        await test.RunAsync();
    }
}
