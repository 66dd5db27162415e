using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ViT.Generators.Composition;
using ViT.Generators.Helpers;
using ViT.Generators.Specs;

namespace ViT.Generators.Parsing;

/// <summary>
/// Reads a model class and every class its layers use, each once, into one <see cref="ModelSpec"/> of plain values.
/// The only part of parsing that walks from class to class; nothing is kept between calls, so what a call returns
/// depends on the code it reads and nothing else. It never throws on bad input: an attribute it cannot read becomes an
/// unreadable layer, which shape inference reports.
/// </summary>
public static class ModelSpecParser
{
    /// <summary>More distinct classes than this reachable from one model are not read (the uses beyond report it).</summary>
    public const int MaxClasses = 1024;

    public static ModelSpec Parse(INamedTypeSymbol type, SyntaxNode? declaration, CancellationToken cancellationToken)
    {
        var read = new Dictionary<INamedTypeSymbol, ModelSpec?>(SymbolEqualityComparer.Default) { [type] = null };
        var pending = new Queue<INamedTypeSymbol>();
        ModelReference Use(INamedTypeSymbol used)
        {
            var (reference, readable) = ModelReferenceReader.Read(used);
            if (readable && !read.ContainsKey(used) && read.Count < MaxClasses)
            {
                read[used] = null;
                pending.Enqueue(used);
            }

            return reference;
        }

        var root = ClassReader.Read(type, declaration, Use, cancellationToken);
        var used = new List<ModelSpec>();
        while (pending.Count > 0)
        {
            var next = pending.Dequeue();
            used.Add(ClassReader.Read(next, next.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken), Use, cancellationToken));
        }

        return root with { UsedModels = used.OrderBy(s => s.FullName, System.StringComparer.Ordinal).ToEquatableArray() };
    }
}
