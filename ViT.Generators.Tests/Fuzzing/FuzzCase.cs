namespace ViT.Generators.Tests.Fuzzing;

/// <summary>One fuzzed compilation: its number (which, with the seed, redraws it) and its source files.</summary>
internal sealed record FuzzCase(int Index, IReadOnlyList<string> Sources)
{
    public override string ToString() =>
        $"case {Index}:\n" + string.Join("\n", Sources.Select((s, i) => $"// ---- Model{i}.cs\n{s}"));
}
