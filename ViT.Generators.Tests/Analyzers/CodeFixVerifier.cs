using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ViT.Generators.Analyzers;

namespace ViT.Generators.Tests.Analyzers;

/// <summary>Runs <see cref="ModelShapeAnalyzer"/> and a code fix; the fixed code must have no diagnostics left.</summary>
internal static class CodeFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null, string? title = null) =>
        CodeFixVerifier<ModelShapeAnalyzer, TCodeFix>.VerifyAsync(source, fixedSource, equivalenceKey, title);

    /// <summary>
    /// The diagnostics in <paramref name="source"/>'s markup are reported and the fix offers nothing for them: the testing
    /// library reads fixed code equal to the source as "no fix expected" and fails ("Expected '0' iterations") if one is offered.
    /// </summary>
    public static Task VerifyNoFixAsync(string source) => VerifyAsync(source, source);
}

/// <summary>Runs an analyzer and a code fix, one fix at a time and as Fix All (document, project, solution); the fixed code must have no diagnostics left.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null, string? title = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.None,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (title is not null) test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        TestReferences.Apply(test.TestState);
        TestReferences.Apply(test.FixedState);
        await test.RunAsync();
    }
}
