using System.Reflection;

namespace ViT.Docs.Tests;

/// <summary>The pages whose C# blocks are tested: README.md, every project's PACKAGE.md and docs/*.md, found on disk.</summary>
public static class DocPages
{
    /// <summary>The repository's root folder, written into this assembly by its build.</summary>
    public static string Root { get; } = typeof(DocPages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The pages, as paths relative to the root with forward slashes.</summary>
    public static IReadOnlyList<string> All { get; } =
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.GetFiles(Root, "PACKAGE.md", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 }))
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md"))
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every <c>csharp</c> block of every page.</summary>
    public static IReadOnlyList<CodeBlock> CSharpBlocks { get; } =
        All.SelectMany(page => CodeBlock.Read(page, File.ReadAllText(Path.Combine(Root, page)))).Where(b => b.Language == "csharp").ToList();
}
